package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;

/** Flags of umount2(2), as in glibc's {@code <sys/mount.h>}. */
public final class UmountFlags {
    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;
    public static final int MNT_EXPIRE = 4;
    public static final int UMOUNT_NOFOLLOW = 8;

    public static final FlagTable TABLE = FlagTable.builder()
            .add("MNT_FORCE", MNT_FORCE).add("MNT_DETACH", MNT_DETACH).add("MNT_EXPIRE", MNT_EXPIRE)
            .add("UMOUNT_NOFOLLOW", UMOUNT_NOFOLLOW)
            .build();

    private UmountFlags() {
    }
}
