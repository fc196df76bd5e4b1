package dev.mountflow.restore;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.MountImage;
import java.util.List;

/** Leaves a verdict: the restored namespaces, read back from the kernel, equal the image. */
final class VerifyStage implements Stage {
    static final String LEAVES_BEHIND = "a report: restored namespaces equal to the image, or the differences by path";

    private ImageVerifier verifier;
    private final MountImage image;

    /** @param image the image as dumped, not the plugins' view of it the engine was given */
    VerifyStage(ImageVerifier verifier, MountImage image) {
        this.verifier = verifier;
        this.image = image;
    }

    /**
     * Lets the verifier start on the image alone ({@link ImageVerifier#expecting}); the runner
     * calls it once validate has passed, so that work runs beside the engine's building, on the
     * core its namespace thread leaves idle, rather than beside validate. Once at most.
     */
    void prepare() {
        verifier = verifier.expecting(image);
    }

    @Override
    public String id() {
        return StageIds.VERIFY;
    }

    @Override
    public String leavesBehind() {
        return LEAVES_BEHIND;
    }

    @Override
    public void run(RestoreContext context) throws Exception {
        List<String> differences = verifier.differences(image, new RestoredImageReader().read(image, context.restored()));
        if (!differences.isEmpty()) {
            throw new ImageMismatchException(differences);
        }
    }
}
