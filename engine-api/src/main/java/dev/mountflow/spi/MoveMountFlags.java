package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;

/**
 * Flags of move_mount(2), as in {@code <linux/mount.h>}.
 *
 * <p>{@code MOVE_MOUNT_BENEATH} (Linux 6.5) is newer than this machine's glibc 2.36 headers; its
 * value is the kernel's ({@code include/uapi/linux/mount.h} since v6.5).
 */
public final class MoveMountFlags {
    public static final int MOVE_MOUNT_F_SYMLINKS = 0x00000001;
    public static final int MOVE_MOUNT_F_AUTOMOUNTS = 0x00000002;
    public static final int MOVE_MOUNT_F_EMPTY_PATH = 0x00000004;
    public static final int MOVE_MOUNT_T_SYMLINKS = 0x00000010;
    public static final int MOVE_MOUNT_T_AUTOMOUNTS = 0x00000020;
    public static final int MOVE_MOUNT_T_EMPTY_PATH = 0x00000040;
    public static final int MOVE_MOUNT_SET_GROUP = 0x00000100;
    public static final int MOVE_MOUNT_BENEATH = 0x00000200;

    public static final FlagTable TABLE = FlagTable.builder()
            .add("MOVE_MOUNT_F_SYMLINKS", MOVE_MOUNT_F_SYMLINKS)
            .add("MOVE_MOUNT_F_AUTOMOUNTS", MOVE_MOUNT_F_AUTOMOUNTS)
            .add("MOVE_MOUNT_F_EMPTY_PATH", MOVE_MOUNT_F_EMPTY_PATH)
            .add("MOVE_MOUNT_T_SYMLINKS", MOVE_MOUNT_T_SYMLINKS)
            .add("MOVE_MOUNT_T_AUTOMOUNTS", MOVE_MOUNT_T_AUTOMOUNTS)
            .add("MOVE_MOUNT_T_EMPTY_PATH", MOVE_MOUNT_T_EMPTY_PATH)
            .add("MOVE_MOUNT_SET_GROUP", MOVE_MOUNT_SET_GROUP)
            .add("MOVE_MOUNT_BENEATH", MOVE_MOUNT_BENEATH)
            .build();

    private MoveMountFlags() {
    }
}
