package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;

/**
 * {@code MOUNT_ATTR_*} bits of mount_setattr(2)'s {@code attr_set}/{@code attr_clr} and of
 * fsmount(2)'s attribute word, as in {@code <linux/mount.h>}.
 *
 * <p>The atime mode is a 3-bit field, not independent bits: {@code MOUNT_ATTR_RELATIME} is 0 and
 * changing it means clearing {@link #MOUNT_ATTR__ATIME} while setting the new mode.
 */
public final class MountAttrFlags {
    public static final long MOUNT_ATTR_RDONLY = 0x00000001;
    public static final long MOUNT_ATTR_NOSUID = 0x00000002;
    public static final long MOUNT_ATTR_NODEV = 0x00000004;
    public static final long MOUNT_ATTR_NOEXEC = 0x00000008;
    public static final long MOUNT_ATTR__ATIME = 0x00000070;
    public static final long MOUNT_ATTR_RELATIME = 0x00000000;
    public static final long MOUNT_ATTR_NOATIME = 0x00000010;
    public static final long MOUNT_ATTR_STRICTATIME = 0x00000020;
    public static final long MOUNT_ATTR_NODIRATIME = 0x00000080;
    public static final long MOUNT_ATTR_IDMAP = 0x00100000;
    public static final long MOUNT_ATTR_NOSYMFOLLOW = 0x00200000;

    /** Size of {@code struct mount_attr} as first published; what mount_setattr is passed. */
    public static final int MOUNT_ATTR_SIZE_VER0 = 32;

    public static final FlagTable TABLE = FlagTable.builder()
            .add("MOUNT_ATTR_RDONLY", MOUNT_ATTR_RDONLY).add("MOUNT_ATTR_NOSUID", MOUNT_ATTR_NOSUID)
            .add("MOUNT_ATTR_NODEV", MOUNT_ATTR_NODEV).add("MOUNT_ATTR_NOEXEC", MOUNT_ATTR_NOEXEC)
            .add("MOUNT_ATTR__ATIME", MOUNT_ATTR__ATIME)
            .add("MOUNT_ATTR_NOATIME", MOUNT_ATTR_NOATIME)
            .add("MOUNT_ATTR_STRICTATIME", MOUNT_ATTR_STRICTATIME)
            .add("MOUNT_ATTR_NODIRATIME", MOUNT_ATTR_NODIRATIME)
            .add("MOUNT_ATTR_IDMAP", MOUNT_ATTR_IDMAP)
            .add("MOUNT_ATTR_NOSYMFOLLOW", MOUNT_ATTR_NOSYMFOLLOW)
            .build();

    /** mount_setattr's own flags word takes only path flags. */
    public static final FlagTable SETATTR_FLAGS = AtFlags.TABLE;

    private MountAttrFlags() {
    }
}
