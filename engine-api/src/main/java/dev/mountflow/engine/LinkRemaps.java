package dev.mountflow.engine;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.ResolveFlags;
import java.nio.file.Path;

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

    /** Whether {@code rel} below the directory {@code base} exists and carries {@link #MARK}. */
    public static boolean isMarked(Kernel kernel, Path base, RawString rel) {
        int dir;
        try {
            dir = parent(kernel, base, rel);
        } catch (NativeCallException e) {
            return false;
        }
        try {
            kernel.lgetxattr(RawString.of("/proc/self/fd/" + dir + "/").concat(name(rel)), MARK);
            return true;
        } catch (NativeCallException e) {
            return false;
        } finally {
            kernel.close(dir);
        }
    }

    /**
     * Removes {@code rel} below the directory {@code base}: an empty directory or a file, as a
     * restore recreates a deleted root; a path already gone is fine. Its directory is reached
     * without following symlinks or leaving {@code base}'s mount.
     */
    public static void remove(Kernel kernel, Path base, RawString rel) {
        int dir;
        try {
            dir = parent(kernel, base, rel);
        } catch (NativeCallException e) {
            if (e.is(Errno.ENOENT)) {
                return;
            }
            throw e;
        }
        try {
            kernel.unlinkat(dir, name(rel), AtFlags.AT_REMOVEDIR);
        } catch (NativeCallException e) {
            if (e.is(Errno.ENOTDIR)) {
                kernel.unlinkat(dir, name(rel), 0);
            } else if (!e.is(Errno.ENOENT)) {
                throw e;
            }
        } finally {
            kernel.close(dir);
        }
    }

    private static int parent(Kernel kernel, Path base, RawString rel) {
        int root = kernel.open(RawString.of(base.toString()), OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC);
        int slash = lastSlash(rel);
        if (slash < 0) {
            return root;
        }
        try {
            return kernel.openat2(root, rel.substring(0, slash), OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0,
                    ResolveFlags.CONFINED);
        } finally {
            kernel.close(root);
        }
    }

    private static RawString name(RawString rel) {
        return rel.substring(lastSlash(rel) + 1);
    }

    private static int lastSlash(RawString rel) {
        int slash = rel.length() - 1;
        while (slash >= 0 && rel.byteAt(slash) != '/') {
            slash--;
        }
        return slash;
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
