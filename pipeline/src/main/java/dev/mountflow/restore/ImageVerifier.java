package dev.mountflow.restore;

import dev.mountflow.model.MountImage;
import java.util.List;

/**
 * The judge of {@code verify}: how the restored namespaces, read back from the kernel, differ
 * from the image. Namespace ids of {@code actual} are the image's.
 */
@FunctionalInterface
public interface ImageVerifier {
    /** One line per difference, by path; empty when the two are equal. */
    List<String> differences(MountImage expected, MountImage actual);

    /**
     * A verifier for one restore of {@code expected}, which may start now, on another core, the
     * part of its work that needs nothing but {@code expected}, while the engine builds. The
     * default starts nothing.
     */
    default ImageVerifier expecting(MountImage expected) {
        return this;
    }
}
