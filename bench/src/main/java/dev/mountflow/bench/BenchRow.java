package dev.mountflow.bench;

import java.time.Duration;

/**
 * One line of the report: a layout at a mount count.
 *
 * @param floor the median of the floor's runs with {@link FloorApi#MOUNT} ({@link FloorResult#total()})
 * @param fdFloor the same with {@link FloorApi#FD}: how much of the gap the v2 calls themselves cost
 * @param engine the median of the restorer's runs ({@link StageTimes#total()})
 * @param stages the stages of the restorer's median run
 */
public record BenchRow(Layout layout, int mounts, Duration floor, Duration fdFloor, Duration engine, StageTimes stages) {
    /** engine / floor: 1.0 means as fast as raw syscalls. */
    public double ratio() {
        return (double) engine.toNanos() / Math.max(1, floor.toNanos());
    }

    /** The restore's time per mount, which stays flat as N grows when the restore is linear. */
    public Duration enginePerMount() {
        return engine.dividedBy(mounts);
    }
}
