package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;

/**
 * {@code CLONE_*} bits for unshare(2) and setns(2), as in {@code <linux/sched.h>}.
 *
 * <p>Only the namespace bits and {@code CLONE_FS}/{@code CLONE_FILES} are here: those are the ones
 * unshare(2) accepts that mountflow has any use for.
 */
public final class CloneFlags {
    public static final int CLONE_FS = 0x00000200;
    public static final int CLONE_FILES = 0x00000400;
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWCGROUP = 0x02000000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWUSER = 0x10000000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_NEWNET = 0x40000000;

    public static final FlagTable TABLE = FlagTable.builder()
            .add("CLONE_FS", CLONE_FS).add("CLONE_FILES", CLONE_FILES).add("CLONE_NEWNS", CLONE_NEWNS)
            .add("CLONE_NEWCGROUP", CLONE_NEWCGROUP).add("CLONE_NEWUTS", CLONE_NEWUTS)
            .add("CLONE_NEWIPC", CLONE_NEWIPC).add("CLONE_NEWUSER", CLONE_NEWUSER)
            .add("CLONE_NEWPID", CLONE_NEWPID).add("CLONE_NEWNET", CLONE_NEWNET)
            .build();

    private CloneFlags() {
    }
}
