package dev.mountflow.propertytests;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.UmountFlags;
import java.util.List;

/**
 * The kernel work of a recipe's operations, run on a namespace thread. Everything here uses only
 * the {@link Kernel}, {@link RawString} and JDK types: once a thread has pivoted into a recipe's
 * tmpfs, the JVM can no longer load classes from the test classpath on it, so this class and what
 * it touches are loaded beforehand ({@link KernelPreload}).
 */
final class LiveCalls {
    static final RawString DOT = RawString.of(".");
    private static final int DIR_MODE = 0755;
    private static final int FILE_MODE = 0644;

    private LiveCalls() {
    }

    /** Creates the missing directories of {@code dir}'s components after {@code existing}; adds each to {@code created}. */
    static void ensureDirectories(Kernel k, RawString existing, RawString dir, List<RawString> created) {
        int from = existing.length();
        int n = dir.length();
        while (from < n) {
            int to = from + 1;
            while (to < n && dir.byteAt(to) != '/') {
                to++;
            }
            RawString prefix = dir.substring(0, to);
            try {
                k.mkdirat(AtFlags.AT_FDCWD, prefix, DIR_MODE);
                created.add(prefix);
            } catch (NativeCallException e) {
                if (e.errno() != Errno.EEXIST.number()) {
                    throw e;
                }
            }
            from = to;
        }
    }

    /** Creates {@code file} unless it exists (as anything); adds it to {@code created} when made. */
    static void ensureFile(Kernel k, RawString file, List<RawString> created) {
        try {
            k.createFile(AtFlags.AT_FDCWD, file, FILE_MODE);
            created.add(file);
        } catch (NativeCallException e) {
            if (e.errno() != Errno.EEXIST.number()) {
                throw e;
            }
        }
    }

    /** Removes what {@link #ensureDirectories} (or, with {@code files}, {@link #ensureFile}) made, newest first; best effort. */
    static void undo(Kernel k, List<RawString> created, boolean files) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                k.unlinkat(AtFlags.AT_FDCWD, created.get(i), files ? 0 : AtFlags.AT_REMOVEDIR);
            } catch (NativeCallException e) {
                // Something now sits on it (a propagated mount); leaving an empty entry is harmless.
            }
        }
        created.clear();
    }

    /** The id of the mount a lookup of {@code path} ends on, without following a final symlink. */
    static int mountIdAt(Kernel k, RawString path) {
        return (int) k.statx(AtFlags.AT_FDCWD, path, AtFlags.AT_SYMLINK_NOFOLLOW).mountId();
    }

    /**
     * mount(2) on {@code target}, then the id of the mount it made: the top of the stack on the
     * target, looked up from the target's directory as it was before the call. Looking the
     * target up by path again could fail or land elsewhere, because a copy the kernel propagated
     * may now cover a directory on the way. 0 when the target is {@code /}, whose stack a lookup
     * never enters. A refused mount(2) throws, after {@code created} was removed again.
     */
    static int mountAndIdentify(Kernel k, RawString source, RawString target, String fstype, long flags,
                                RawString data, List<RawString> created, boolean files) {
        int slash = target.length() - 1;
        while (slash > 0 && target.byteAt(slash) != '/') {
            slash--;
        }
        boolean root = target.length() == 1;
        int dir = -1;
        try {
            if (!root) {
                dir = k.open(slash == 0 ? RawString.SLASH : target.substring(0, slash),
                        OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC);
            }
            k.mount(source, target, fstype, flags, data);
        } catch (NativeCallException e) {
            if (dir >= 0) {
                k.close(dir);
            }
            undo(k, created, files);
            throw e;
        }
        if (root) {
            return 0;
        }
        try {
            return (int) k.statx(dir, target.substring(slash + 1), AtFlags.AT_SYMLINK_NOFOLLOW).mountId();
        } finally {
            k.close(dir);
        }
    }

    /**
     * Makes the mount on {@code dir} the thread's root: pivot_root(".", ".") from it stacks the
     * old root on the new one, and detaching "." removes the old root with all its mounts.
     *
     * @throws NativeCallException when the kernel refuses the pivot; nothing changed then
     */
    static void pivotInto(Kernel k, RawString dir) {
        int fd = k.open(dir, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC);
        try {
            k.fchdir(fd);
            k.pivotRoot(DOT, DOT);
            try {
                k.umount2(DOT, UmountFlags.MNT_DETACH);
            } catch (NativeCallException e) {
                // The pivot happened, so this is no refused operation the recipe could drop.
                throw new IllegalStateException("pivoted into '" + dir + "' but could not detach the old root", e);
            }
        } finally {
            k.close(fd);
        }
    }
}
