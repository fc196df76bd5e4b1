package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.ClassPreload;
import dev.mountflow.build.FreshMounts;
import dev.mountflow.build.MountStageException;
import dev.mountflow.build.OwnedFds;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.ResolveFlags;
import dev.mountflow.spi.UmountFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaves behind each image namespace split off the work namespace, holding exactly its tree with
 * its root pivoted in and the old root (the host's copy and the yard) detached. First, in the work
 * namespace, the mounts no path reaches after the split (covered by a later mount) get the late
 * marks a namespace copy keeps (a peer group of their own, read-only), while the restore still
 * holds their fds. Then, per namespace, the work namespace's thread moves its cwd onto the
 * namespace's root mount and starts a thread that unshares from it with propagation unchanged
 * (unshare moves that thread's cwd onto the new namespace's copy of the root mount, even one with
 * mounts stacked on it), which pivots into its cwd. Before that it marks its covered unbindable
 * mounts, which the copy lost, by moving the mounts stacked on each off it for a moment. The old
 * root's yard is made rprivate before it is detached, so the detach propagates nowhere; a root
 * whose top (itself, or the top of the mounts stacked on it) is shared, which pivot_root refuses to
 * stack the old root on, gets a private tmpfs stacked on that top for the pivot, detached after
 * (its propagated copies go with it).
 */
final class V1Assemble extends EngineStage {
    private static final RawString HERE = RawString.of(".");
    private static final RawString FD_DIRECTORY = RawString.of("/proc/thread-self/fd");

    private final V1Restore restore;

    V1Assemble(V1Restore restore) {
        super(StageIds.ASSEMBLE, "each namespace split off the work namespace with unshare, pivoted into its tree, the old root detached");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        V1Calls calls = new V1Calls(context.kernel());
        BuildPlan tree = restore.tree;
        ClassPreload.callsAndFailures();
        restore.work.run(() -> markCovered(calls));
        for (var entry : tree.roots().entrySet()) {
            int nsId = entry.getKey();
            Mount root = entry.getValue();
            OwnedFds.Owned rootInWork = restore.mountFds.remove(root.id());
            restore.work.run(() -> context.kernel().fchdir(rootInWork.fd()));
            NamespaceExecutor thread = context.rollback().push("namespace " + nsId,
                    context.namespaces().nestedSharing(restore.work));
            Mount top = V1Locations.top(tree, root);
            boolean sharedTop = top.isShared() && !restore.plan.lateShared().contains(top.id());
            restore.split.put(nsId, thread.call(() -> split(calls, nsId, thread, sharedTop)));
            rootInWork.close();
            context.restored(new RestoredNamespace(nsId, thread));
        }
        restore.work.run(() -> context.kernel().fchdir(restore.yard.fd()));
    }

    /** The late marks of mounts no path reaches after the split, set on the work namespace's mounts, which the split copies. */
    private void markCovered(V1Calls calls) {
        for (int nsId : restore.tree.roots().keySet()) {
            for (Mount m : restore.tree.depthFirst(nsId)) {
                if (!restore.tree.isCovered(m) || !restore.plan.markedLate(m)) {
                    continue;
                }
                OwnedFds.Owned fd = restore.mountFds.get(m.id());
                try {
                    if (restore.plan.lateShared().contains(m.id())) {
                        calls.propagation(fd.fd(), MountFlags.MS_SHARED);
                    }
                    if (m.isReadOnly()) {
                        calls.perMountFlags(fd.fd(), FreshMounts.perMountFlags(m.flags()) | MountFlags.MS_RDONLY);
                    }
                } catch (NativeCallException e) {
                    throw new MountStageException(id(), restore.tree.label(m), e);
                }
                if (restore.tree.roots().get(nsId) != m) {
                    restore.mountFds.remove(m.id()).close();
                }
            }
        }
    }

    /** Runs on the new namespace's thread, whose cwd is its copy of the namespace's root mount. */
    private V1Restore.Split split(V1Calls calls, int nsId, NamespaceExecutor thread, boolean sharedTop) {
        Kernel k = calls.kernel();
        try (OwnedFds.Owned yard = own("yard of namespace " + nsId, k.openat2(AtFlags.AT_FDCWD, V1Restore.YARD,
                     OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0, ResolveFlags.RESOLVE_NO_SYMLINKS));
             OwnedFds.Owned fdDirectory = own("fd directory", k.openat2(AtFlags.AT_FDCWD, FD_DIRECTORY,
                     OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0, 0))) {
            RawString dir = V1Locations.namespaceDir(nsId);
            OwnedFds.Owned top = own("top of namespace " + nsId, calls.paths().reach(yard.fd(), dir));
            OwnedFds.Owned root = own("root of namespace " + nsId,
                    k.openat2(AtFlags.AT_FDCWD, HERE, OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0, 0));
            for (Mount m : restore.tree.depthFirst(nsId)) {
                Integer stacked = restore.plan.unstack().get(m.id());
                if (stacked != null) {
                    unbindableUnderStack(calls, yard, nsId, m, stacked);
                }
            }
            if (sharedTop) {
                k.mount(RawString.of("mountflow-pivot"), HERE, "tmpfs", MountFlags.MS_NOSUID | MountFlags.MS_NODEV, null);
                try (OwnedFds.Owned pivot = own("pivot tmpfs", calls.paths().reach(yard.fd(), dir))) {
                    calls.propagation(pivot.fd(), MountFlags.MS_PRIVATE);
                }
            }
            // pivot_root(".", ".") stacks the old root on top of the new one; "." for umount2 is that top.
            k.pivotRoot(HERE, HERE);
            k.fchdir(fdDirectory.fd());
            k.mount(null, RawString.of(Integer.toString(yard.fd())), null, MountFlags.MS_REC | MountFlags.MS_PRIVATE, null);
            k.fchdir(root.fd());
            k.umount2(HERE, UmountFlags.MNT_DETACH);
            if (sharedTop) {
                k.umount2(HERE, UmountFlags.MNT_DETACH);
            }
            return new V1Restore.Split(thread, top, root);
        } catch (NativeCallException e) {
            throw new MountStageException(id(), "namespace " + nsId + ", pivoting into "
                    + restore.tree.label(restore.tree.roots().get(nsId)), e);
        }
    }

    /**
     * Marks {@code m} unbindable, moving the {@code stacked} mounts on it (with what they hold) to
     * the yard one by one from the top, and back on top of it in the reverse order: no path
     * reaches it otherwise, and copies of the work namespace drop unbindable marks. Moving a mount
     * off or onto a mount without peers propagates nothing.
     */
    private void unbindableUnderStack(V1Calls calls, OwnedFds.Owned yard, int nsId, Mount m, int stacked) {
        Kernel k = calls.kernel();
        RawString path = V1Locations.namespaceDir(nsId).resolve(m.mountpoint().relativeTo(RawString.SLASH));
        List<OwnedFds.Owned> moved = new ArrayList<>();
        try {
            for (int i = 1; i <= stacked; i++) {
                OwnedFds.Owned top = own("mount stacked on " + m.label(), calls.paths().reach(yard.fd(), path));
                moved.add(top);
                RawString stash = RawString.of("stash-" + i);
                try {
                    k.mkdirat(yard.fd(), stash, 0700);
                } catch (NativeCallException e) {
                    if (!e.is(Errno.EEXIST)) {
                        throw e;
                    }
                }
                try (OwnedFds.Owned at = own("stash", calls.paths().resolve(yard.fd(), stash))) {
                    k.mount(V1Calls.link(top.fd()), V1Calls.link(at.fd()), null, MountFlags.MS_MOVE, null);
                }
            }
            try (OwnedFds.Owned fd = own(m.label(), calls.paths().reach(yard.fd(), path))) {
                calls.propagation(fd.fd(), MountFlags.MS_UNBINDABLE);
            }
            for (int i = moved.size() - 1; i >= 0; i--) {
                try (OwnedFds.Owned at = own("top of " + m.label(), calls.paths().reach(yard.fd(), path))) {
                    k.mount(V1Calls.link(moved.get(i).fd()), V1Calls.link(at.fd()), null, MountFlags.MS_MOVE, null);
                }
            }
        } catch (NativeCallException e) {
            throw new MountStageException(id(), restore.tree.label(m), e);
        } finally {
            moved.forEach(OwnedFds.Owned::close);
        }
    }

    private OwnedFds.Owned own(String what, int fd) {
        return restore.fds.own(what, fd);
    }
}
