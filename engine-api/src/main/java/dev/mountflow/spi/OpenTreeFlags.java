package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;

/**
 * Flags of open_tree(2): its own two ({@code <linux/mount.h>}) plus the {@code AT_*} path flags
 * it accepts, in one table so a message shows {@code OPEN_TREE_CLONE|AT_RECURSIVE}.
 */
public final class OpenTreeFlags {
    public static final int OPEN_TREE_CLONE = 1;
    /** Defined by the kernel as O_CLOEXEC. */
    public static final int OPEN_TREE_CLOEXEC = OpenFlags.O_CLOEXEC;

    public static final FlagTable TABLE = FlagTable.builder()
            .add("OPEN_TREE_CLONE", OPEN_TREE_CLONE).add("OPEN_TREE_CLOEXEC", OPEN_TREE_CLOEXEC)
            .add("AT_SYMLINK_NOFOLLOW", AtFlags.AT_SYMLINK_NOFOLLOW)
            .add("AT_NO_AUTOMOUNT", AtFlags.AT_NO_AUTOMOUNT)
            .add("AT_EMPTY_PATH", AtFlags.AT_EMPTY_PATH).add("AT_RECURSIVE", AtFlags.AT_RECURSIVE)
            .build();

    private OpenTreeFlags() {
    }
}
