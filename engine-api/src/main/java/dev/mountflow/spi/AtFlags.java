package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;

/**
 * The {@code AT_*} values of {@code <linux/fcntl.h>} shared by the *at calls, open_tree,
 * mount_setattr and statx.
 */
public final class AtFlags {
    /** The "no directory fd" value: a relative path is resolved from the thread's cwd. */
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** unlinkat only; shares its value with AT_EACCESS, which mountflow never passes. */
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_NO_AUTOMOUNT = 0x800;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int AT_RECURSIVE = 0x8000;

    public static final FlagTable TABLE = FlagTable.builder()
            .add("AT_SYMLINK_NOFOLLOW", AT_SYMLINK_NOFOLLOW).add("AT_REMOVEDIR", AT_REMOVEDIR)
            .add("AT_SYMLINK_FOLLOW", AT_SYMLINK_FOLLOW).add("AT_NO_AUTOMOUNT", AT_NO_AUTOMOUNT)
            .add("AT_EMPTY_PATH", AT_EMPTY_PATH).add("AT_RECURSIVE", AT_RECURSIVE)
            .build();

    private AtFlags() {
    }
}
