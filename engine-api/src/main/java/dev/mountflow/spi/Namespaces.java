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

    /**
     * A new namespace copied from the host's with propagation unchanged, so its copies of the
     * host's shared mounts are peers of them: only for taking detached clones that are peers of
     * a host mount (open_tree). Nothing may be mounted there, since it could reach the host.
     */
    default NamespaceExecutor copyOfHost() {
        throw new UnsupportedOperationException("copyOfHost is not implemented by " + getClass().getName());
    }

    /** A thread inside an existing namespace (a {@code /proc/<pid>/ns/mnt} or a pinned file). */
    NamespaceExecutor joining(Path nsFile);
}
