package dev.mountflow.kernel;

import static dev.mountflow.model.MountFlags.MS_NODEV;
import static dev.mountflow.model.MountFlags.MS_NOEXEC;
import static dev.mountflow.model.MountFlags.MS_NOSUID;
import static dev.mountflow.model.MountFlags.MS_SHARED;
import static dev.mountflow.spi.AtFlags.AT_FDCWD;
import static dev.mountflow.spi.MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH;
import static dev.mountflow.spi.MoveMountFlags.MOVE_MOUNT_SET_GROUP;
import static dev.mountflow.spi.OpenTreeFlags.OPEN_TREE_CLOEXEC;
import static dev.mountflow.spi.OpenTreeFlags.OPEN_TREE_CLONE;

import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.FsContextFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.KernelFeatures;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.ResolveFlags;
import dev.mountflow.spi.UmountFlags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds which mount APIs work by using them, as CRIU's kerndat does: everything happens on a
 * scratch tmpfs inside a private namespace of its own, so nothing is mounted where anyone else can
 * see it and nothing outlives the probe.
 *
 * <p>The scratch tmpfs goes on an existing directory ({@code /mnt}, else {@code /tmp}) of the
 * probe's namespace copy; it hides that directory from the probe only. Directories the probe
 * needs are made inside the tmpfs, never on a real filesystem.
 */
public final class FeatureProbe {
    private static final List<RawString> SCRATCH_CANDIDATES = List.of(RawString.of("/mnt"), RawString.of("/tmp"));
    private static final Path OWN_MOUNTINFO = Path.of("/proc/thread-self/mountinfo");

    private final Kernel kernel;

    public FeatureProbe(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Probes every feature; never throws for a missing one, it is reported with its reason. */
    public KernelFeatures probe() {
        NamespaceThread ns;
        try {
            ns = NamespaceThread.newPrivate(kernel);
        } catch (NativeCallException | UnsatisfiedLinkError e) {
            return nothingProbed(reason(e));
        }
        try (ns) {
            return ns.call(() -> probeInside(ns));
        }
    }

    private KernelFeatures probeInside(NamespaceThread ns) {
        Optional<RawString> dir = SCRATCH_CANDIDATES.stream().filter(d -> Files.isDirectory(Path.of(d.utf8()))).findFirst();
        if (dir.isEmpty()) {
            FeatureStatus none = FeatureStatus.missing("not probed: no " + SCRATCH_CANDIDATES + " directory to put a scratch tmpfs on");
            return new KernelFeatures(FeatureStatus.works(), none, none, none, none, none, none, none, none, none);
        }
        RawString scratch = dir.get();
        FeatureStatus mount = attempt(() -> kernel.mount(RawString.of("mountflow-probe"), scratch, "tmpfs",
                MS_NOSUID | MS_NODEV | MS_NOEXEC, RawString.of("size=64k,mode=0700")));
        if (!mount.available()) {
            FeatureStatus none = notProbed("mount");
            return new KernelFeatures(FeatureStatus.works(), mount, none, none, none, none, none, none, none, none);
        }
        try (FdScope fds = new FdScope(kernel)) {
            return probeOnScratch(ns, scratch, fds, mount);
        } finally {
            // The namespace dies with the thread anyway; detaching here keeps the probe from
            // depending on that, e.g. if a caller kept the namespace pinned.
            kernel.umount2(scratch, UmountFlags.MNT_DETACH);
        }
    }

    private KernelFeatures probeOnScratch(NamespaceThread ns, RawString scratch, FdScope fds, FeatureStatus mount) {
        RawString a = scratch.resolve(RawString.of("a"));
        RawString b = scratch.resolve(RawString.of("b"));
        for (String name : List.of("a", "b", "sub", "old")) {
            kernel.mkdirat(AT_FDCWD, scratch.resolve(RawString.of(name)), 0700);
        }

        FeatureStatus openTree = attempt(() -> fds.own(kernel.openTree(AT_FDCWD, scratch, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC)));
        FeatureStatus moveMount = after(openTree, "open_tree", () -> {
            int clone = fds.own(kernel.openTree(AT_FDCWD, scratch, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
            kernel.moveMount(clone, RawString.EMPTY, AT_FDCWD, a, MOVE_MOUNT_F_EMPTY_PATH);
        });
        FeatureStatus setGroup = afterChecking(moveMount, "move_mount", () -> probeSetGroup(scratch, a, b, fds));
        FeatureStatus setattr = afterChecking(moveMount, "move_mount", () -> probeSetattr(a));
        FeatureStatus openat2 = attempt(() -> fds.own(kernel.openat2(AT_FDCWD, scratch,
                OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0, 0)));
        FeatureStatus beneath = afterChecking(openat2, "openat2", () -> probeBeneath(scratch, fds));
        FeatureStatus fsmount = attempt(() -> probeFsmount(fds));
        FeatureStatus pivotRoot = attempt(() -> probePivotRoot(ns, scratch));
        return new KernelFeatures(FeatureStatus.works(), mount, pivotRoot, openTree, moveMount, setGroup,
                setattr, openat2, beneath, fsmount);
    }

    /** A private clone joins a shared mount's peer group; mountinfo must then show one group. */
    private FeatureStatus probeSetGroup(RawString scratch, RawString a, RawString b, FdScope fds) {
        kernel.mount(null, a, null, MS_SHARED, null);
        int clone = fds.own(kernel.openTree(AT_FDCWD, scratch, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
        kernel.moveMount(clone, RawString.EMPTY, AT_FDCWD, b, MOVE_MOUNT_F_EMPTY_PATH);
        kernel.moveMount(AT_FDCWD, a, AT_FDCWD, b, MOVE_MOUNT_SET_GROUP);
        List<MountInfoEntry> table = readMountTable(OWN_MOUNTINFO);
        Optional<Integer> groupA = peerGroupAt(table, a);
        Optional<Integer> groupB = peerGroupAt(table, b);
        return groupA.isPresent() && groupA.equals(groupB) ? FeatureStatus.works()
                : FeatureStatus.missing("move_mount with MOVE_MOUNT_SET_GROUP succeeded but '" + b
                        + "' is in peer group " + groupB.orElse(null) + ", not " + groupA.orElse(null));
    }

    private FeatureStatus probeSetattr(RawString a) {
        kernel.mountSetattr(AT_FDCWD, a, 0, MountAttrFlags.MOUNT_ATTR_RDONLY, 0, 0, 0);
        boolean readOnly = topMountAt(readMountTable(OWN_MOUNTINFO), a)
                .map(m -> List.of(m.mountOptions().split(",")).contains("ro")).orElse(false);
        return readOnly ? FeatureStatus.works()
                : FeatureStatus.missing("mount_setattr MOUNT_ATTR_RDONLY succeeded but '" + a + "' is not read-only");
    }

    /** '..' from a directory fd must be refused (EXDEV); a plain child must still resolve. */
    private FeatureStatus probeBeneath(RawString scratch, FdScope fds) {
        int dir = fds.own(kernel.openat2(AT_FDCWD, scratch, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0, 0));
        long how = OpenFlags.O_PATH | OpenFlags.O_CLOEXEC;
        fds.own(kernel.openat2(dir, RawString.of("sub"), how, 0, ResolveFlags.RESOLVE_BENEATH));
        try {
            fds.own(kernel.openat2(dir, RawString.of(".."), how, 0, ResolveFlags.RESOLVE_BENEATH));
            return FeatureStatus.missing("openat2 with RESOLVE_BENEATH let '..' escape the directory fd");
        } catch (NativeCallException e) {
            return e.is(Errno.EXDEV) ? FeatureStatus.works() : FeatureStatus.missing(reason(e));
        }
    }

    /** A detached tmpfs; closing its fd is what unmounts it. */
    private void probeFsmount(FdScope fds) {
        int context = fds.own(kernel.fsopen("tmpfs", FsContextFlags.FSOPEN_CLOEXEC));
        kernel.fsconfig(context, FsContextFlags.FSCONFIG_SET_STRING, "size", RawString.of("64k"), 0);
        kernel.fsconfig(context, FsContextFlags.FSCONFIG_CMD_CREATE, null, null, 0);
        fds.own(kernel.fsmount(context, FsContextFlags.FSMOUNT_CLOEXEC, (int) MountAttrFlags.MOUNT_ATTR_NOSUID));
    }

    /**
     * pivot_root moves the root of every task whose root is the old one, so it runs in a nested
     * namespace of its own whose only task is its thread.
     */
    private void probePivotRoot(NamespaceThread ns, RawString scratch) {
        try (NamespaceThread nested = NamespaceThread.nested(ns)) {
            nested.run(() -> {
                kernel.pivotRoot(scratch, scratch.resolve(RawString.of("old")));
                kernel.umount2(RawString.of("/old"), UmountFlags.MNT_DETACH);
            });
        }
    }

    /** The mount table at {@code mountinfo}, a {@code /proc/.../mountinfo} file, in the kernel's order. */
    static List<MountInfoEntry> readMountTable(Path mountinfo) {
        try (InputStream in = Files.newInputStream(mountinfo)) {
            return MountInfoParser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The mount on top at {@code mountpoint}: the one no other mount there sits on. Not simply
     * the last line: mountinfo lists mounts in creation order, and MOVE_MOUNT_BENEATH slides a
     * newer mount under an older one.
     */
    static Optional<MountInfoEntry> topMountAt(List<MountInfoEntry> table, RawString mountpoint) {
        List<MountInfoEntry> stack = table.stream().filter(m -> m.mountpoint().equals(mountpoint)).toList();
        return stack.stream()
                .filter(m -> stack.stream().noneMatch(above -> above.parentId() == m.mountId()))
                .findFirst();
    }

    /** The N of {@code shared:N} of the mount on top at {@code mountpoint}, if it is in a peer group. */
    static Optional<Integer> peerGroupAt(List<MountInfoEntry> table, RawString mountpoint) {
        return topMountAt(table, mountpoint).map(MountInfoEntry::sharedId).filter(group -> group != 0);
    }

    private static FeatureStatus attempt(Runnable probe) {
        try {
            probe.run();
            return FeatureStatus.works();
        } catch (NativeCallException | UnsatisfiedLinkError e) {
            return FeatureStatus.missing(reason(e));
        }
    }

    /** For probes that read their effect back and may find the call succeeded without working. */
    private static FeatureStatus checking(Supplier<FeatureStatus> probe) {
        try {
            return probe.get();
        } catch (NativeCallException | UnsatisfiedLinkError e) {
            return FeatureStatus.missing(reason(e));
        }
    }

    private static FeatureStatus after(FeatureStatus prerequisite, String name, Runnable probe) {
        return prerequisite.available() ? attempt(probe) : notProbed(name);
    }

    private static FeatureStatus afterChecking(FeatureStatus prerequisite, String name, Supplier<FeatureStatus> probe) {
        return prerequisite.available() ? checking(probe) : notProbed(name);
    }

    private static FeatureStatus notProbed(String prerequisite) {
        return FeatureStatus.missing("not probed: " + prerequisite + " unavailable");
    }

    private static KernelFeatures nothingProbed(String reason) {
        FeatureStatus none = notProbed("unshare(CLONE_NEWNS)");
        return new KernelFeatures(FeatureStatus.missing(reason), none, none, none, none, none, none, none, none, none);
    }

    static String reason(Throwable e) {
        if (e instanceof NativeCallException n) {
            return n.is(Errno.EPERM) ? n.getMessage() + "; needs CAP_SYS_ADMIN (run as root)" : n.getMessage();
        }
        return "libc has no wrapper: " + e.getMessage();
    }
}
