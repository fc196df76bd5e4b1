package dev.mountflow.restore;

import dev.mountflow.restore.RestoreReport.Cost;
import dev.mountflow.restore.RestoreReport.StageReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects a {@link RestoreReport} while the runner goes through the stages. */
final class ReportRecorder {
    private final String engine;
    private final Path imageDir;
    private final List<StageReport> stages = new ArrayList<>();
    private final Map<String, Long> totalCalls = new TreeMap<>();
    private long totalNanos;
    private long totalMounts;
    private Cost rollback;
    private String error;

    ReportRecorder(String engine, Path imageDir) {
        this.engine = engine;
        this.imageDir = imageDir;
    }

    void stage(String id, long nanos, StageCalls calls, String outcome) {
        stages.add(new StageReport(id, millis(nanos), calls.byKind(), calls.mountsTouched(), outcome));
        add(nanos, calls);
    }

    void rollback(long nanos, StageCalls calls) {
        rollback = new Cost(millis(nanos), calls.byKind(), calls.mountsTouched());
        add(nanos, calls);
    }

    void failed(String message) {
        error = message;
    }

    RestoreReport report() {
        return new RestoreReport(engine, imageDir == null ? null : imageDir.toString(),
                error == null ? RestoreReport.OK : RestoreReport.FAILED, error, stages, rollback,
                new Cost(millis(totalNanos), totalCalls, totalMounts));
    }

    private void add(long nanos, StageCalls calls) {
        totalNanos += nanos;
        totalMounts += calls.mountsTouched();
        calls.byKind().forEach((kind, n) -> totalCalls.merge(kind, n, Long::sum));
    }

    // Microsecond resolution: most stages of a small image take well under a millisecond.
    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
