package dev.mountflow.bench;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.model.MountImage;
import dev.mountflow.restore.CanonicalVerifier;
import dev.mountflow.restore.PipelineRunner;
import dev.mountflow.restore.Publication;
import dev.mountflow.restore.RestoreJob;
import dev.mountflow.restore.RestoreReport;
import dev.mountflow.restore.RestoreResult;
import dev.mountflow.spi.Kernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The product's restore as the benchmark times it: the pipeline runner with a real engine, every
 * stage included (validate and the canonical verify too, since a user pays for them), the
 * namespaces released after the report was taken.
 */
public final class PipelineRestorer implements Restorer {
    private final MountEngine engine;
    private final PipelineRunner runner;

    public PipelineRestorer(MountEngine engine, Kernel kernel) {
        this.engine = engine;
        this.runner = new PipelineRunner(kernel, new CanonicalVerifier(), line -> { });
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public StageTimes restore(MountImage image) throws Exception {
        RestoreReport report;
        try (RestoreResult result = runner.run(engine,
                new RestoreJob(image, null, RestoreRequest.empty(), Publication.release(), null))) {
            report = result.report();
        }
        List<StageTimes.Stage> stages = new ArrayList<>();
        for (RestoreReport.StageReport stage : report.stages()) {
            stages.add(new StageTimes.Stage(stage.id(), Duration.ofNanos(Math.round(stage.wallTimeMs() * 1_000_000))));
        }
        return new StageTimes(stages);
    }
}
