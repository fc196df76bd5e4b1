package dev.mountflow.restore;

import dev.mountflow.pin.NamespacePins;
import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.error.InputException;
import dev.mountflow.error.IoMessages;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.kernel.KernelNamespaces;
import dev.mountflow.model.MountImage;
import dev.mountflow.pluginset.ActivePlugin;
import dev.mountflow.spi.Kernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a restore: the engine's stages in {@link StageIds#ENGINE_STAGES} order, the runner's own
 * image checks first, then {@code verify} and {@code publish}, with the plugins' stages at their
 * positions and their hooks around each stage. Every stage sees the kernel through a counter, so
 * the report's calls are the calls made. A failure anywhere unwinds the rollback stack newest
 * first and ends the restored namespaces' threads, leaving nothing behind.
 */
public final class PipelineRunner {
    private final Kernel kernel;
    private final ImageVerifier verifier;
    private final Consumer<String> log;
    private final List<ActivePlugin> plugins;
    /** What kernel-call observers see as the stage of the unwind after a failure. */
    static final String ROLLBACK = "rollback";
    /** ... and of calls after the last stage (the result's threads ending). */
    static final String AFTER_STAGES = "after-stages";

    /**
     * @param kernel the kernel stages call (the real one, or a fault-injecting view of it)
     * @param verifier the judge of {@code verify}
     * @param log where stages' and the runner's progress lines go
     */
    public PipelineRunner(Kernel kernel, ImageVerifier verifier, Consumer<String> log) {
        this(kernel, verifier, log, List.of());
    }

    /** @param plugins the plugins taking part, in the order their hooks run */
    public PipelineRunner(Kernel kernel, ImageVerifier verifier, Consumer<String> log, List<ActivePlugin> plugins) {
        this.kernel = kernel;
        this.verifier = verifier;
        this.log = log;
        this.plugins = List.copyOf(plugins);
    }

    /** Every stage a restore with {@code engine} runs, in order, for {@code mountflow stages}. */
    public static List<StageDescription> describe(MountEngine engine) {
        return describe(engine, List.of());
    }

    /** Every stage a restore with {@code engine} and {@code plugins} runs, theirs included, in order. */
    public static List<StageDescription> describe(MountEngine engine, List<ActivePlugin> plugins) {
        List<Stage> stages = new ArrayList<>(engineStages(engine));
        stages.add(new VerifyStage(null, null));
        stages.add(new PublishStage(Publication.release(), null));
        List<StageDescription> out = new ArrayList<>();
        RestoreJob nothing = new RestoreJob(new MountImage(0, "", List.of()), null, RestoreRequest.empty(),
                Publication.release(), null);
        for (Stage stage : RestorePlugins.start(plugins, nothing, line -> { }).place(stages)) {
            out.add(new StageDescription(stage.id(), stage.leavesBehind()));
        }
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
        long setupStart = System.nanoTime();
        RestorePlugins restorePlugins;
        RestoreContext context;
        List<Stage> stages = new ArrayList<>();
        PublishStage publish = new PublishStage(job.publication(), new NamespacePins(stageKernel));
        VerifyStage verify = new VerifyStage(verifier, job.image());
        try {
            // Before any stage: what the plugins change of the request and of the engine's image.
            // A failure here is one of validate's: nothing exists yet.
            restorePlugins = RestorePlugins.start(plugins, job, log);
            RestoreRequest request = restorePlugins.adjust(job.request());
            MountImage engineImage = restorePlugins.adjust(job.image());
            context = new RestoreContext(engineImage, request, stageKernel, new KernelNamespaces(stageKernel), log);
            restorePlugins.attach(context, stageKernel);
            stages.add(new ValidateStage(engineStages.get(0), publish, job.image()));
            stages.addAll(engineStages.subList(1, engineStages.size()));
            stages.add(verify);
            stages.add(publish);
            stages = restorePlugins.place(stages);
        } catch (RuntimeException e) {
            recorder.stage(StageIds.VALIDATE, System.nanoTime() - setupStart, stageKernel.startCounting(StageIds.VALIDATE),
                    RestoreReport.FAILED);
            if (e instanceof InputException) {
                throw e;
            }
            String message = "restore failed in stage '" + StageIds.VALIDATE + "': "
                    + (e.getMessage() == null ? e.toString() : e.getMessage());
            recorder.failed(message);
            throw new RestoreFailedException(StageIds.VALIDATE, e, recorder.report());
        }
        OpenFileLimit.ensure(kernel, job.image().mountCount());
        for (Stage stage : stages) {
            StageCalls calls = stageKernel.startCounting(stage.id());
            context.startBackground();
            log.accept("stage " + stage.id() + " started");
            long start = System.nanoTime();
            try {
                restorePlugins.before(stage.id());
                if (stage == publish) {
                    context.awaitBackground();
                }
                stage.run(context);
                if (stage.id().equals(StageIds.VALIDATE)) {
                    verify.prepare();
                }
                restorePlugins.after(stage.id());
            } catch (Throwable t) {
                recorder.stage(stage.id(), System.nanoTime() - start, calls, RestoreReport.FAILED);
                restorePlugins.failed(stage.id(), t);
                throw unwind(context, stageKernel, stage.id(), t, recorder);
            }
            recorder.stage(stage.id(), System.nanoTime() - start, calls, RestoreReport.OK);
            log.accept(String.format("stage %s done in %.1f ms", stage.id(), (System.nanoTime() - start) / 1e6));
        }
        stageKernel.startCounting(AFTER_STAGES);
        context.rollback().release();
        RestoreReport report = recorder.report();
        return new RestoreResult(context.restored(), report, publish.pinned(), publish.exitStatus());
    }

    /** Returns what to throw for {@code failure} in {@code stageId}, once everything is undone. */
    private static RuntimeException unwind(RestoreContext context, StageKernel stageKernel, String stageId,
                                           Throwable failure, ReportRecorder recorder) {
        StageCalls calls = stageKernel.startCounting(ROLLBACK);
        long start = System.nanoTime();
        List<Exception> failures = new ArrayList<>();
        try {
            // Nothing may still run beside the unwind.
            context.awaitBackground();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        failures.addAll(context.rollback().unwind());
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
