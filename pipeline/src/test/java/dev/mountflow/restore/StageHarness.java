package dev.mountflow.restore;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.engine.Stage;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.kernel.KernelNamespaces;
import dev.mountflow.model.MountImage;
import dev.mountflow.spi.Kernel;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the pipeline runner until it lands: runs an engine's stages in order and, on a
 * failure, unwinds the rollback stack with the unwind failures suppressed. Closing a successful
 * restore unwinds too, which ends the restored namespaces' threads.
 */
final class StageHarness implements AutoCloseable {
    static final Kernel KERNEL = JnrKernel.load();

    private final RestoreContext context;
    final List<String> log = new ArrayList<>();

    private StageHarness(RestoreContext context) {
        this.context = context;
    }

    static StageHarness restore(MountEngine engine, MountImage image, RestoreRequest request) throws Exception {
        return restore(engine, image, request, stageId -> { });
    }

    /** Hook run after each stage, by stage id: a test's chance to change the world in between. */
    interface AfterStage {
        void after(String stageId) throws Exception;
    }

    static StageHarness restore(MountEngine engine, MountImage image, RestoreRequest request, AfterStage afterStage)
            throws Exception {
        return restore(engine, image, request, afterStage, KERNEL);
    }

    static StageHarness restore(MountEngine engine, MountImage image, RestoreRequest request, AfterStage afterStage,
                                Kernel kernel) throws Exception {
        List<String> log = new ArrayList<>();
        RestoreContext context = new RestoreContext(image, request, kernel, new KernelNamespaces(kernel), log::add);
        StageHarness h = new StageHarness(context);
        for (Stage stage : engine.stages()) {
            try {
                stage.run(context);
                afterStage.after(stage.id());
            } catch (Exception | Error e) {
                for (Exception unwind : context.rollback().unwind()) {
                    e.addSuppressed(unwind);
                }
                throw e;
            }
        }
        h.log.addAll(log);
        return h;
    }

    RestoreContext context() {
        return context;
    }

    @Override
    public void close() {
        List<Exception> failures = context.rollback().unwind();
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("unwinding a restore failed");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
