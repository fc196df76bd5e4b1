package dev.mountflow.kernel;

import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.Namespaces;
import java.nio.file.Path;

/** {@link Namespaces} backed by {@link NamespaceThread}s on one {@link Kernel}. */
public final class KernelNamespaces implements Namespaces {
    private final Kernel kernel;

    public KernelNamespaces(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public NamespaceExecutor newPrivate() {
        return NamespaceThread.newPrivate(kernel);
    }

    @Override
    public NamespaceExecutor nestedSharing(NamespaceExecutor parent) {
        if (!(parent instanceof NamespaceThread thread)) {
            throw new IllegalArgumentException("cannot nest in " + parent + ": not a namespace thread of this kernel");
        }
        return NamespaceThread.nestedSharing(thread);
    }

    @Override
    public NamespaceExecutor copyOfHost() {
        return NamespaceThread.copyOfHost(kernel);
    }

    @Override
    public NamespaceExecutor joining(Path nsFile) {
        return NamespaceThread.joining(kernel, nsFile);
    }
}
