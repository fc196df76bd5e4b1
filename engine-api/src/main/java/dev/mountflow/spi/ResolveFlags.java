package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;

/** {@code RESOLVE_*} bits of {@code struct open_how.resolve}, as in {@code <linux/openat2.h>}. */
public final class ResolveFlags {
    public static final long RESOLVE_NO_XDEV = 0x01;
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    public static final long RESOLVE_BENEATH = 0x08;
    public static final long RESOLVE_IN_ROOT = 0x10;
    public static final long RESOLVE_CACHED = 0x20;

    /**
     * What DESIGN §7.2 resolves every image path with: stay below the parent mount's fd, cross
     * no mount and follow no symlink, so a hostile image cannot steer a mount onto a host path.
     */
    public static final long CONFINED = RESOLVE_BENEATH | RESOLVE_NO_XDEV | RESOLVE_NO_SYMLINKS;

    public static final FlagTable TABLE = FlagTable.builder()
            .add("RESOLVE_NO_XDEV", RESOLVE_NO_XDEV).add("RESOLVE_NO_MAGICLINKS", RESOLVE_NO_MAGICLINKS)
            .add("RESOLVE_NO_SYMLINKS", RESOLVE_NO_SYMLINKS).add("RESOLVE_BENEATH", RESOLVE_BENEATH)
            .add("RESOLVE_IN_ROOT", RESOLVE_IN_ROOT).add("RESOLVE_CACHED", RESOLVE_CACHED)
            .build();

    private ResolveFlags() {
    }
}
