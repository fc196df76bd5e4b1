package dev.mountflow.bench;

import dev.mountflow.spi.ThrowingCallable;
import dev.mountflow.spi.ThrowingRunnable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Times stages one after another with {@link System#nanoTime()}, recording failed ones too. */
final class StageClock {
    private final List<StageTimes.Stage> stages = new ArrayList<>();

    <T, E extends Exception> T time(String id, ThrowingCallable<T, E> stage) throws E {
        long start = System.nanoTime();
        try {
            return stage.call();
        } finally {
            stages.add(new StageTimes.Stage(id, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    <E extends Exception> void run(String id, ThrowingRunnable<E> stage) throws E {
        time(id, () -> {
            stage.run();
            return null;
        });
    }

    StageTimes times() {
        return new StageTimes(stages);
    }
}
