package dev.mountflow.enginev2;

import dev.mountflow.engine.Rollback;
import dev.mountflow.spi.Kernel;

/**
 * File descriptors of one restore: each is put on the rollback stack the moment it is held, and
 * may be closed early; the rollback then skips it, so a number the kernel reused is never closed
 * twice. A detached mount lives exactly as long as its fd.
 */
final class V2Fds {
    /** One owned fd; closing is idempotent. */
    static final class Owned implements AutoCloseable {
        private final Kernel kernel;
        private final int fd;
        private boolean closed;

        private Owned(Kernel kernel, int fd, boolean closes) {
            this.kernel = kernel;
            this.fd = fd;
            this.closed = !closes;
        }

        int fd() {
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

    V2Fds(Kernel kernel, Rollback rollback) {
        this.kernel = kernel;
        this.rollback = rollback;
    }

    Owned own(String what, int fd) {
        return rollback.push(what, new Owned(kernel, fd, true));
    }

    /** The fd of {@code owner}, lent: closing the loan leaves it open. */
    static Owned borrow(Owned owner) {
        return new Owned(owner.kernel, owner.fd, false);
    }
}
