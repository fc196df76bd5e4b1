package dev.mountflow.restore;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.error.InputException;
import dev.mountflow.error.IoMessages;
import dev.mountflow.kernel.KernelNamespaces;
import dev.mountflow.spi.Kernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a restore: the engine's stages in {@link StageIds#ENGINE_STAGES} order, the runner's own
 * image checks first, then {@code verify} and {@code publish}. Every stage sees the kernel through
 * a counter, so the report's calls are the calls made. A failure anywhere unwinds the rollback
 * stack newest first and ends the restored namespaces' threads, leaving nothing behind.
 */
public final class PipelineRunner {
    private final Kernel kernel;
    private final ImageVerifier verifier;
    private final Consumer<String> log;

    /**
     * @param kernel the kernel stages call (the real one, or a fault-injecting view of it)
     * @param verifier the judge of {@code verify}
     * @param log where stages' and the runner's progress lines go
     */
    public PipelineRunner(Kernel kernel, ImageVerifier verifier, Consumer<String> log) {
        this.kernel = kernel;
        this.verifier = verifier;
        this.log = log;
    }

    /** Every stage a restore with {@code engine} runs, in order, for {@code mountflow stages}. */
    public static List<StageDescription> describe(MountEngine engine) {
        List<StageDescription> out = new ArrayList<>();
        for (Stage stage : engineStages(engine)) {
            out.add(new StageDescription(stage.id(), stage.leavesBehind()));
        }
        out.add(new StageDescription(StageIds.VERIFY, VerifyStage.LEAVES_BEHIND));
        out.add(new StageDescription(StageIds.PUBLISH, PublishStage.LEAVES_BEHIND));
        return out;
    }

    /**
     * Restores {@code job.image()} with {@code engine}. The report is written to
     * {@code job.report()} whatever happens.
     *
     * @return the restored namespaces, now the caller's to close
     * @throws InputException when the image or the request is refused in {@code validate};
     *     nothing was created
     * @throws RestoreFailedException when a stage failed; everything was rolled back
     * @throws IllegalStateException when the engine's stages are not the pipeline's
     */
    public RestoreResult run(MountEngine engine, RestoreJob job) {
        ReportRecorder recorder = new ReportRecorder(engine.name(), job.imageDir());
        RestoreResult result;
        try {
            result = restore(engine, job, recorder);
        } catch (RuntimeException | Error e) {
            recorder.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            writeReport(job, recorder.report(), e);
            throw e;
        }
        try {
            writeReport(job, result.report(), null);
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        return result;
    }

    private RestoreResult restore(MountEngine engine, RestoreJob job, ReportRecorder recorder) {
        List<Stage> engineStages = engineStages(engine);
        ProcessReaperWarmup.run();
        StageKernel stageKernel = new StageKernel(kernel);
        RestoreContext context = new RestoreContext(job.image(), job.request(), stageKernel,
                new KernelNamespaces(stageKernel), log);
        PublishStage publish = new PublishStage(job.publication(), new NamespacePins(stageKernel));
        List<Stage> stages = new ArrayList<>();
        stages.add(new ValidateStage(engineStages.get(0), publish));
        stages.addAll(engineStages.subList(1, engineStages.size()));
        stages.add(new VerifyStage(verifier.expecting(job.image())));
        stages.add(publish);
        OpenFileLimit.ensure(kernel, job.image().mountCount());
        for (Stage stage : stages) {
            StageCalls calls = stageKernel.startCounting();
            log.accept("stage " + stage.id() + " started");
            long start = System.nanoTime();
            try {
                stage.run(context);
            } catch (Throwable t) {
                recorder.stage(stage.id(), System.nanoTime() - start, calls, RestoreReport.FAILED);
                throw unwind(context, stageKernel, stage.id(), t, recorder);
            }
            recorder.stage(stage.id(), System.nanoTime() - start, calls, RestoreReport.OK);
            log.accept(String.format("stage %s done in %.1f ms", stage.id(), (System.nanoTime() - start) / 1e6));
        }
        stageKernel.startCounting();
        context.rollback().release();
        RestoreReport report = recorder.report();
        return new RestoreResult(context.restored(), report, publish.pinned(), publish.exitStatus());
    }

    /** Returns what to throw for {@code failure} in {@code stageId}, once everything is undone. */
    private static RuntimeException unwind(RestoreContext context, StageKernel stageKernel, String stageId,
                                           Throwable failure, ReportRecorder recorder) {
        StageCalls calls = stageKernel.startCounting();
        long start = System.nanoTime();
        List<Exception> failures = new ArrayList<>(context.rollback().unwind());
        for (RestoredNamespace ns : context.restored()) {
            try {
                ns.thread().close();
            } catch (RuntimeException e) {
                failures.add(new IllegalStateException("closing the thread of namespace " + ns.imageNamespaceId()
                        + " failed: " + e.getMessage(), e));
            }
        }
        recorder.rollback(System.nanoTime() - start, calls);
        if (failure instanceof Error error) {
            failures.forEach(error::addSuppressed);
            throw error;
        }
        if (stageId.equals(StageIds.VALIDATE) && failure instanceof InputException input) {
            failures.forEach(input::addSuppressed);
            return input;
        }
        String message = "restore failed in stage '" + stageId + "': "
                + (failure.getMessage() == null ? failure.toString() : failure.getMessage());
        recorder.failed(message);
        RestoreFailedException e = new RestoreFailedException(stageId, failure, recorder.report());
        failures.forEach(e::addSuppressed);
        return e;
    }

    private static List<Stage> engineStages(MountEngine engine) {
        List<Stage> stages = engine.stages();
        List<String> ids = stages.stream().map(Stage::id).toList();
        if (!ids.equals(StageIds.ENGINE_STAGES)) {
            throw new IllegalStateException("mount engine '" + engine.name() + "' (" + engine.getClass().getName()
                    + ") returned the stages " + ids + " but must return " + StageIds.ENGINE_STAGES + ", in this order");
        }
        return stages;
    }

    private static void writeReport(RestoreJob job, RestoreReport report, Throwable failure) {
        if (job.report().isEmpty()) {
            return;
        }
        Path file = job.report().get();
        try {
            report.write(file);
        } catch (IOException e) {
            UncheckedIOException unwritten = new UncheckedIOException(
                    "cannot write the report to '" + file + "': " + IoMessages.describe(e), e);
            if (failure == null) {
                throw unwritten;
            }
            failure.addSuppressed(unwritten);
        }
    }
}
