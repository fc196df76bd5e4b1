package dev.mountflow.build;

import dev.mountflow.engine.Rollback;
import dev.mountflow.model.Mount;
import dev.mountflow.spi.Kernel;

/**
 * File descriptors of one restore: each is put on the rollback stack the moment it is held, and
 * may be closed early; the rollback then skips it, so a number the kernel reused is never closed
 * twice. A detached mount lives exactly as long as its fd.
 */
public final class OwnedFds {
    /** One owned fd; closing is idempotent. */
    public static final class Owned implements AutoCloseable {
        private final Kernel kernel;
        private final int fd;
        private boolean closed;

        private Owned(Kernel kernel, int fd, boolean closes) {
            this.kernel = kernel;
            this.fd = fd;
            this.closed = !closes;
        }

        public int fd() {
            return fd;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                kernel.close(fd);
            }
        }
    }

    private final Kernel kernel;
    private final Rollback rollback;

    public OwnedFds(Kernel kernel, Rollback rollback) {
        this.kernel = kernel;
        this.rollback = rollback;
    }

    public Owned own(String what, int fd) {
        return rollback.push(what, new Owned(kernel, fd, true));
    }

    /** An fd on (or for) mount {@code m}, named by its label if a message needs it. */
    public Owned own(Mount m, int fd) {
        return rollback.push(m::label, new Owned(kernel, fd, true));
    }

    /** The fd of {@code owner}, lent: closing the loan leaves it open. */
    public static Owned borrow(Owned owner) {
        return new Owned(owner.kernel, owner.fd, false);
    }
}
