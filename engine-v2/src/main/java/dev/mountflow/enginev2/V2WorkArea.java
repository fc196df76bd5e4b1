package dev.mountflow.enginev2;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.NamespaceExecutor;

/**
 * A private namespace thread and the private tmpfs mounted on {@link #PATH} inside it, where
 * the restore puts what it builds before it is in place.
 *
 * @param dir an O_PATH fd on the tmpfs's root
 */
record V2WorkArea(NamespaceExecutor thread, V2Fds.Owned dir) {
    /**
     * An existing host directory, covered only inside the private namespace: nothing is created
     * on the host's filesystem.
     */
    static final RawString PATH = RawString.of("/mnt");

    static RawString path(RawString name) {
        return PATH.resolve(name);
    }
}
