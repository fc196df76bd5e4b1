package dev.mountflow.build;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.ResolveFlags;

/**
 * Image paths resolved, created and removed below a directory fd, never through a symlink (DESIGN
 * §7.2): every lookup is openat2 with {@link ResolveFlags#CONFINED}, so a symlink or a mount
 * crossing planted in the content is an error (ELOOP, EXDEV), never followed.
 */
public final class ConfinedPaths {
    private static final int PATH_FD = OpenFlags.O_PATH | OpenFlags.O_CLOEXEC;

    private final Kernel kernel;

    public ConfinedPaths(Kernel kernel) {
        this.kernel = kernel;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** An O_PATH fd on {@code rel} below {@code dirFd}, in the same mount; the caller closes it. */
    public int resolve(int dirFd, RawString rel) {
        return kernel.openat2(dirFd, rel, PATH_FD, 0, ResolveFlags.CONFINED);
    }

    /**
     * An O_PATH fd on the mount on top of {@code rel} below {@code rootFd} in a tree the restore
     * assembled: crossing its own mounts on the way, never a symlink, never above {@code rootFd}.
     */
    public int reach(int rootFd, RawString rel) {
        return kernel.openat2(rootFd, rel, PATH_FD, 0, ResolveFlags.RESOLVE_BENEATH | ResolveFlags.RESOLVE_NO_SYMLINKS);
    }

    /**
     * Makes {@code rel} exist below {@code dirFd}: missing directories on the way are created, the
     * last component as an empty file when {@code file}. Returns whether anything was created.
     */
    public boolean ensure(int dirFd, RawString rel, boolean file) {
        if (rel.isEmpty()) {
            return false;
        }
        try {
            kernel.close(resolve(dirFd, rel));
            return false;
        } catch (NativeCallException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e;
            }
        }
        int at = dirFd;
        int from = 0;
        try {
            while (from <= rel.length()) {
                int to = from;
                while (to < rel.length() && rel.byteAt(to) != '/') {
                    to++;
                }
                RawString name = rel.substring(from, to);
                boolean last = to == rel.length();
                int next = openOrCreate(at, name, last && file);
                if (at != dirFd) {
                    kernel.close(at);
                }
                at = next;
                from = to + 1;
            }
        } finally {
            if (at != dirFd) {
                kernel.close(at);
            }
        }
        return true;
    }

    private int openOrCreate(int at, RawString name, boolean file) {
        try {
            return resolve(at, name);
        } catch (NativeCallException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e;
            }
        }
        if (file) {
            kernel.createFile(at, name, 0644);
        } else {
            kernel.mkdirat(at, name, 0755);
        }
        return resolve(at, name);
    }

    /**
     * Creates the single name {@code name} in the directory {@code dirFd} (an empty file when
     * {@code file}) and returns true, or, when something is there already, checks it is no symlink
     * (ELOOP) and returns false. For content the restore made itself, where creating first saves
     * the failed lookup.
     */
    public boolean create(int dirFd, RawString name, boolean file) {
        try {
            if (file) {
                kernel.createFile(dirFd, name, 0644);
            } else {
                kernel.mkdirat(dirFd, name, 0755);
            }
            return true;
        } catch (NativeCallException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e;
            }
        }
        kernel.close(resolve(dirFd, name));
        return false;
    }

    /**
     * Whether {@code name} in {@code dirFd} is there and is not a directory (a symlink counts as
     * one, never followed); false when it does not exist.
     */
    public boolean isNonDirectory(int dirFd, RawString name) {
        try {
            return !kernel.statx(dirFd, name, AtFlags.AT_SYMLINK_NOFOLLOW).isDirectory();
        } catch (NativeCallException e) {
            if (e.is(Errno.ENOENT)) {
                return false;
            }
            throw e;
        }
    }

    /** Removes {@code rel} below {@code dirFd}, an empty directory or a file. */
    public void remove(int dirFd, RawString rel) {
        int slash = rel.length() - 1;
        while (slash >= 0 && rel.byteAt(slash) != '/') {
            slash--;
        }
        RawString name = rel.substring(slash + 1);
        int dir = slash < 0 ? dirFd : resolve(dirFd, rel.substring(0, slash));
        try {
            try {
                kernel.unlinkat(dir, name, AtFlags.AT_REMOVEDIR);
            } catch (NativeCallException e) {
                if (!e.is(Errno.ENOTDIR)) {
                    throw e;
                }
                kernel.unlinkat(dir, name, 0);
            }
        } finally {
            if (dir != dirFd) {
                kernel.close(dir);
            }
        }
    }
}
