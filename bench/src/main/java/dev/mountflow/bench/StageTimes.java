package dev.mountflow.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The wall time of each stage of one restore, in the order the stages ran.
 *
 * @param stages one entry per stage, ids as in {@link dev.mountflow.engine.StageIds} where the
 *     restorer has such stages
 */
public record StageTimes(List<Stage> stages) {
    /** One stage's id and wall time. */
    public record Stage(String id, Duration wall) {
        public Stage {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(wall, "wall");
        }
    }

    public StageTimes {
        stages = List.copyOf(stages);
    }

    /** The restore's wall time: the stages' sum. */
    public Duration total() {
        return stages.stream().map(Stage::wall).reduce(Duration.ZERO, Duration::plus);
    }
}
