package dev.mountflow.spi;

/**
 * The calls a {@link Kernel} makes, named as in C; the unit of the per-stage syscall counts in
 * reports and of fault injection.
 */
public enum KernelCall {
    MOUNT("mount", true),
    UMOUNT2("umount2", true),
    PIVOT_ROOT("pivot_root", true),
    OPEN_TREE("open_tree", true),
    MOVE_MOUNT("move_mount", true),
    MOUNT_SETATTR("mount_setattr", true),
    FSMOUNT("fsmount", true),
    UNSHARE("unshare", false),
    SETNS("setns", false),
    FSOPEN("fsopen", false),
    FSCONFIG("fsconfig", false),
    OPENAT2("openat2", false),
    OPENAT("openat", false),
    CLOSE("close", false),
    FCHDIR("fchdir", false),
    CHDIR("chdir", false),
    MKDIRAT("mkdirat", false),
    UNLINKAT("unlinkat", false),
    RENAMEAT2("renameat2", false),
    STATX("statx", false),
    READLINK("readlink", false),
    GETRLIMIT("getrlimit", false),
    SETRLIMIT("setrlimit", false),
    MKNODAT("mknodat", false),
    FCHOWNAT("fchownat", false),
    FCHMODAT("fchmodat", false),
    UTIMENSAT("utimensat", false),
    SYMLINKAT("symlinkat", false),
    LINKAT("linkat", false),
    READLINKAT("readlinkat", false),
    LSETXATTR("lsetxattr", false),
    LLISTXATTR("llistxattr", false),
    LGETXATTR("lgetxattr", false),
    LSEEK("lseek", false),
    GETDENTS64("getdents64", false);

    private final String cName;
    private final boolean changesMounts;

    KernelCall(String cName, boolean changesMounts) {
        this.cName = cName;
        this.changesMounts = changesMounts;
    }

    /** The C function's name, as messages show it. */
    public String cName() {
        return cName;
    }

    /**
     * Whether the call creates, moves, detaches or alters a mount: the calls a restore can be
     * interrupted between, hence the ones fault injection counts. (open_tree counts because a
     * clone is a new mount.)
     */
    public boolean changesMounts() {
        return changesMounts;
    }
}
