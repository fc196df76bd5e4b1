package dev.mountflow.spi;

import java.nio.file.Path;

/** Makes {@link NamespaceExecutor}s; engines get one from the pipeline and never see JNR. */
public interface Namespaces {
    /**
     * A new mount namespace copied from the host's, every mount of it made private before any
     * task runs, so nothing done there reaches the host.
     */
    NamespaceExecutor newPrivate();

    /**
     * A new namespace copied from {@code parent}'s with propagation unchanged: shared mounts stay
     * peers across the two. Only for parents made by {@link #newPrivate} or by this method.
     */
    NamespaceExecutor nestedSharing(NamespaceExecutor parent);

    /** A thread inside an existing namespace (a {@code /proc/<pid>/ns/mnt} or a pinned file). */
    NamespaceExecutor joining(Path nsFile);
}
