package dev.mountflow.restore;

import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Engines may hold a few fds per mount between stages (v2 keeps each detached mount, and each
 * superblock's source, by fd until it is placed), so a large image needs an open-file limit well
 * above its mount count. When the soft limit is below {@link #FDS_PER_MOUNT} per mount, it is
 * raised as CRIU raises it (rlimit_unlimit_nofile): to {@code fs.nr_open}, the hard limit with it
 * (with CAP_SYS_RESOURCE), else the soft limit to the hard one.
 */
final class OpenFileLimit {
    private static final int RLIMIT_NOFILE = 7;
    private static final long FDS_PER_MOUNT = 4;
    /** For the JVM's own files and the work areas. */
    private static final long HEADROOM = 1024;
    private static final Path NR_OPEN = Path.of("/proc/sys/fs/nr_open");

    private OpenFileLimit() {
    }

    static void ensure(Kernel kernel, long mounts) {
        long needed = FDS_PER_MOUNT * mounts + HEADROOM;
        long[] limits = kernel.getrlimit(RLIMIT_NOFILE);
        if (limits[0] >= needed) {
            return;
        }
        long ceiling = nrOpen();
        if (limits[1] < needed && limits[1] < ceiling) {
            try {
                kernel.setrlimit(RLIMIT_NOFILE, ceiling, ceiling);
                return;
            } catch (NativeCallException e) {
                // Without CAP_SYS_RESOURCE (as in some sandboxes) only the soft limit may rise;
                // the engine then works within the hard limit or fails with EMFILE, naming the call.
                if (!e.is(Errno.EPERM)) {
                    throw e;
                }
            }
        }
        if (limits[0] < limits[1]) {
            kernel.setrlimit(RLIMIT_NOFILE, limits[1], limits[1]);
        }
    }

    private static long nrOpen() {
        try {
            return Long.parseLong(Files.readString(NR_OPEN).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + NR_OPEN, e);
        }
    }
}
