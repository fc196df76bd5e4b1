package dev.mountflow.propertytests;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.error.InputException;
import dev.mountflow.model.MountImage;
import dev.mountflow.restore.CanonicalVerifier;
import dev.mountflow.restore.ImageVerifier;
import dev.mountflow.restore.PipelineRunner;
import dev.mountflow.restore.Publication;
import dev.mountflow.restore.RestoreJob;
import dev.mountflow.restore.RestoreResult;
import java.util.List;

/**
 * Restores an image with one engine through the {@link PipelineRunner}, as {@code mountflow
 * restore} does, and keeps what its {@code verify} stage read back from the kernel. The restored
 * namespaces are released before this returns.
 */
final class EngineRestore {
    private EngineRestore() {
    }

    /** What became of one restore. */
    sealed interface Outcome {
    }

    /** Restored; {@code restored} is the namespaces as the kernel showed them, under the image's ids. */
    record Restored(MountImage restored) implements Outcome {
    }

    /**
     * Refused in {@code validate}, before anything was made: the engine cannot build this layout.
     *
     * @param reason the refusal with numbers and quoted values taken out, for counting by kind
     */
    record Refused(String reason, String message) implements Outcome {
    }

    /**
     * Restores {@code image}; a refusal in {@code validate} is an outcome, any other failure
     * (a stage failing, {@code verify} finding differences) is thrown.
     */
    static Outcome restore(MountEngine engine, MountImage image) {
        Capture capture = new Capture();
        PipelineRunner runner = new PipelineRunner(RecipeBuild.KERNEL, capture, line -> { });
        RestoreJob job = new RestoreJob(image, null, RestoreRequest.empty(), new Publication.Release(), null);
        RestoreResult result;
        try {
            result = runner.run(engine, job);
        } catch (InputException e) {
            return new Refused(reasonOf(e.getMessage()), e.getMessage());
        }
        result.close();
        return new Restored(capture.actual);
    }

    /**
     * The kind of a refusal: its first problem line, with every number, quoted value and path
     * replaced, so {@code namespace 2, mount 31 '/a': …} and {@code namespace 1, mount 7 '/b': …}
     * count as one reason.
     */
    static String reasonOf(String message) {
        String[] lines = message.split("\n");
        String line = lines.length > 1 ? lines[1].strip() : lines[0];
        return line.replaceAll("'[^']*'", "'…'").replaceAll("[0-9]+", "N");
    }

    /** The judge of {@code verify}, canonical as every real restore's, keeping what it was shown. */
    private static final class Capture implements ImageVerifier {
        private final CanonicalVerifier canonical = new CanonicalVerifier();
        private MountImage actual;

        @Override
        public List<String> differences(MountImage expected, MountImage restored) {
            actual = restored;
            return canonical.differences(expected, restored);
        }
    }
}
