package dev.mountflow.build;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.RenameFlags;

/**
 * Deleted roots in a filesystem the restore creates, made under a name of their own beside their
 * path until cleanup. A deleted root was a dentry of its own: a live mount of the filesystem may
 * show its path too (a file replaced, then bound again), and a deleted root may lie below another
 * one, so recreating it at its path would give two mounts one dentry. A mount whose root is
 * unlinked can no longer be moved (move_mount and MS_MOVE fail with ENOENT), so the stand-in is
 * renamed onto the path and removed only when every mount stands where it belongs; deepest first,
 * so a deleted root below another is gone before its parent is removed.
 */
public final class DeletedRootStandIns {
    private DeletedRootStandIns() {
    }

    /** The stand-in of {@code path} (relative or absolute) for {@code m}: a sibling of its last name. */
    public static RawString of(RawString path, Mount m) {
        RawString name = RawString.of(".mountflow-deleted-" + m.id());
        int slash = lastSlash(path);
        return slash < 0 ? name : path.substring(0, slash + 1).concat(name);
    }

    /**
     * Puts the directory {@code standIn} on {@code rel} (its sibling) below {@code dirFd} and removes
     * it there, leaving whatever a live mount shows at {@code rel} as it was.
     */
    public static void renameAndRemove(ConfinedPaths paths, int dirFd, RawString standIn, RawString rel) {
        int slash = lastSlash(rel);
        RawString name = rel.substring(slash + 1);
        RawString stand = standIn.substring(slash + 1);
        Kernel kernel = paths.kernel();
        int dir = slash < 0 ? dirFd : paths.resolve(dirFd, rel.substring(0, slash));
        try {
            try {
                kernel.renameat2(dir, stand, dir, name, RenameFlags.RENAME_NOREPLACE);
                removeName(kernel, dir, name);
            } catch (NativeCallException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e;
                }
                // Something lives at the path: swap, remove the stand-in's dentry, swap back.
                kernel.renameat2(dir, stand, dir, name, RenameFlags.RENAME_EXCHANGE);
                removeName(kernel, dir, name);
                kernel.renameat2(dir, stand, dir, name, RenameFlags.RENAME_NOREPLACE);
            }
        } finally {
            if (dir != dirFd) {
                kernel.close(dir);
            }
        }
    }

    /** Removes {@code name} in {@code dir}: a directory, or a file when the deleted root was one. */
    private static void removeName(Kernel kernel, int dir, RawString name) {
        try {
            kernel.unlinkat(dir, name, AtFlags.AT_REMOVEDIR);
        } catch (NativeCallException e) {
            if (!e.is(Errno.ENOTDIR)) {
                throw e;
            }
            kernel.unlinkat(dir, name, 0);
        }
    }

    private static int lastSlash(RawString path) {
        int slash = path.length() - 1;
        while (slash >= 0 && path.byteAt(slash) != '/') {
            slash--;
        }
        return slash;
    }
}
