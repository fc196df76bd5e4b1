package dev.mountflow.engine;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.ResolveFlags;

/**
 * Paths an engine creates in host-backed content ({@code --root}, {@code --external}) only for
 * the length of a restore, such as a deleted mount root recreated so it can be bound (CRIU's link
 * remaps): each is marked with {@link #MARK} when made, so that after a restore that was killed
 * before removing it, {@code mountflow gc} removes exactly what a restore made and nothing else.
 */
public final class LinkRemaps {
    /** The extended attribute on a path a restore made and was to remove again. */
    public static final String MARK = "user.mountflow.link-remap";

    private LinkRemaps() {
    }

    /**
     * Marks the path {@code rel} below the directory {@code dirFd}, which the restore just
     * created; a filesystem without user xattrs leaves it unmarked. The xattr call is path-based,
     * so it goes through {@code /proc/self/fd}: run where {@code /proc} is the host's.
     */
    public static void mark(Kernel kernel, int dirFd, RawString rel) {
        int slash = rel.length() - 1;
        while (slash >= 0 && rel.byteAt(slash) != '/') {
            slash--;
        }
        int dir = slash < 0 ? dirFd : kernel.openat2(dirFd, rel.substring(0, slash),
                OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0, ResolveFlags.CONFINED);
        try {
            RawString path = RawString.of("/proc/self/fd/" + dir + "/").concat(rel.substring(slash + 1));
            kernel.lsetxattr(path, MARK, RawString.of(Long.toString(ProcessHandle.current().pid())).toByteArray());
        } catch (NativeCallException e) {
            if (!e.is(Errno.EOPNOTSUPP) && !e.is(Errno.EPERM)) {
                throw e;
            }
        } finally {
            if (dir != dirFd) {
                kernel.close(dir);
            }
        }
    }
}
