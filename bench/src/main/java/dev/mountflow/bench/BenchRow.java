package dev.mountflow.bench;

import java.time.Duration;

/**
 * One line of the report: a layout at a mount count.
 *
 * @param floor the median of the floor's runs ({@link FloorResult#total()})
 * @param engine the median of the restorer's runs ({@link StageTimes#total()})
 * @param stages the stages of the restorer's median run
 */
public record BenchRow(Layout layout, int mounts, Duration floor, Duration engine, StageTimes stages) {
    /** engine / floor: 1.0 means as fast as raw syscalls. */
    public double ratio() {
        return (double) engine.toNanos() / Math.max(1, floor.toNanos());
    }
}
