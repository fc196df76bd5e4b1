package dev.mountflow.kernel;

import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Owns file descriptors and closes them, newest first, when the scope closes.
 *
 * <p>Mount fds are not just handles: a detached mount from open_tree or fsmount lives exactly as
 * long as its fd, so an fd that escapes its scope is a mount that escapes its cleanup.
 */
public final class FdScope implements AutoCloseable {
    private final Kernel kernel;
    private final Deque<Integer> fds = new ArrayDeque<>();

    public FdScope(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Takes ownership of {@code fd} and returns it, for {@code int fd = scope.own(kernel.open(...))}. */
    public int own(int fd) {
        fds.push(fd);
        return fd;
    }

    /**
     * Closes every owned fd; a failing close does not stop the others, and the first failure is
     * thrown with later ones suppressed.
     */
    @Override
    public void close() {
        NativeCallException first = null;
        while (!fds.isEmpty()) {
            try {
                kernel.close(fds.pop());
            } catch (NativeCallException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
