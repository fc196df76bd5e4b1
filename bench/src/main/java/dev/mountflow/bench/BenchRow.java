package dev.mountflow.bench;

import java.time.Duration;
import java.util.List;

/**
 * One line of the report: a layout at a mount count, the floor and every restorer measured together.
 *
 * @param floor the median of the floor's runs with {@link FloorApi#MOUNT} ({@link FloorResult#total()})
 * @param fdFloor the same with {@link FloorApi#FD}: how much of the gap the v2 calls themselves cost
 * @param restores one median per restorer, in the order the restorers were given
 */
public record BenchRow(Layout layout, int mounts, Duration floor, Duration fdFloor, List<Restore> restores) {
    /**
     * One restorer's median run.
     *
     * @param restorer its name ({@link Restorer#name()})
     * @param stages the stages of its median run; their sum is its time
     */
    public record Restore(String restorer, StageTimes stages) {
        public Duration total() {
            return stages.total();
        }
    }

    public BenchRow {
        restores = List.copyOf(restores);
    }

    /** The restorer's time over the floor's: 1.0 means as fast as raw syscalls. */
    public double ratio(Restore restore) {
        return (double) restore.total().toNanos() / Math.max(1, floor.toNanos());
    }

    /** A restorer's time per mount, which stays flat as N grows when the restore is linear. */
    public Duration perMount(Restore restore) {
        return restore.total().dividedBy(mounts);
    }
}
