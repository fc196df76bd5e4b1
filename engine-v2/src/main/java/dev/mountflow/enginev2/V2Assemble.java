package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.build.ContentDirs;
import dev.mountflow.build.MountStageException;
import dev.mountflow.build.ClassPreload;
import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.FreshMounts;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.UmountFlags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Leaves behind each namespace holding exactly its image tree, every mount at its final path and
 * still private, with the root pivoted in and the old root (host copy and work area) detached.
 * Each mount is moved from its plain mountpoint onto a target resolved beneath its parent mount's
 * fd, in one depth-first walk, on the namespace's own thread (move_mount attaches only into the
 * caller's namespace). A leaf is moved by its plain mountpoint's name, without an fd of its own.
 * A fresh whole-filesystem mount that populate-tree left out ({@link V2Restore#createdInPlace})
 * is created here instead, right where its move would go: its target resolved confined below
 * its parent's fd, and mount(2) given {@code /proc/thread-self/fd/N} of that O_PATH fd, so no
 * symlink is followed, with its per-mount flags in the same call. The mountpoints of its
 * children are made as each child is attached, since its filesystem is new and empty. A clone
 * of a fresh filesystem ({@link V2Restore#clonedAtAssembly}) is made here too, in batches of at
 * most {@value V2PopulateTree#BATCH} on the sources namespace's thread, and moved straight from
 * its fd onto its target: no plain mountpoint, no second move.
 */
final class V2Assemble extends EngineStage {
    private static final RawString DOT = RawString.of(".");
    private static final int RLIMIT_NOFILE = 7;

    private final V2Restore restore;
    /** Clones made ahead for the walk of the current namespace, by mount id, until attached. */
    private final Map<Integer, OwnedFds.Owned> ready = new HashMap<>();
    /** The batch being cloned beside the walk, if any, and where in the walk the next one starts. */
    private NamespaceExecutor.Pending<List<V2PopulateTree.Clone>> pending;
    private int nextBatchFrom;
    /**
     * The chain link whose root the namespace thread's cwd is (it has no fd: the cwd stands for
     * it; see {@link #chainable}), else null.
     */
    private Mount cwdAt;
    private RestoreContext context;

    V2Assemble(V2Restore restore) {
        super(StageIds.ASSEMBLE, "each namespace holds its mount tree at the final paths, its root pivoted in"
                + " (fresh whole-filesystem mounts created in place on their final paths)");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        this.context = context;
        V2Calls calls = new V2Calls(context.kernel());
        V2SourceOpener opener = new V2SourceOpener(context.kernel());
        ClassPreload.callsAndFailures();
        restore.keepFds(context.kernel().getrlimit(RLIMIT_NOFILE)[0]);
        for (var entry : restore.areas.entrySet()) {
            int nsId = entry.getKey();
            V2WorkArea area = entry.getValue();
            area.thread().run(() -> {
                nextBatchFrom = 0;
                try {
                    assemble(calls, opener, nsId, area);
                } catch (RuntimeException e) {
                    // Nothing may run on the sources thread once assemble failed: its fds are on
                    // the rollback stack, and the rollback must not race it.
                    if (pending != null) {
                        pending.settle(e);
                        pending = null;
                    }
                    throw e;
                }
                if (pending != null) {
                    throw new IllegalStateException("namespace " + nsId + ": clones were made ahead for no mount of its walk");
                }
            });
            context.restored(new RestoredNamespace(nsId, area.thread()));
        }
    }

    /** An attached mount whose fd stays open until its last child is attached. */
    private static final class OpenParent {
        final OwnedFds.Owned fd;
        int remaining;
        /** For a mount created in place: its content's directories, as its children's mountpoints are made. */
        ContentDirs content;

        OpenParent(OwnedFds.Owned fd, int remaining) {
            this.fd = fd;
            this.remaining = remaining;
        }
    }

    private void assemble(V2Calls calls, V2SourceOpener opener, int nsId, V2WorkArea area) {
        Kernel k = calls.kernel();
        BuildPlan plan = restore.plan;
        List<Mount> order = plan.depthFirst(nsId);
        Mount root = order.get(0);
        int work = area.dir().fd();
        OwnedFds.Owned rootFd;
        try {
            prefetch(calls, opener, order, 0);
            rootFd = own(calls, work, root);
            k.moveMount(rootFd.fd(), RawString.EMPTY, work, V2PreCreateNamespaces.ROOT_DIR,
                    MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
        } catch (NativeCallException e) {
            throw new MountStageException(id(), plan.label(root), e);
        }
        // Fds of mounts with children still to attach: at most one per level of the tree, since
        // a parent's fd is closed as soon as its last child is attached (before that child's subtree).
        Map<Integer, OpenParent> open = new HashMap<>();
        cwdAt = null;
        open.put(root.id(), new OpenParent(rootFd, plan.children(root).size()));
        // The mount on top of "/", where later stages start their path lookups.
        Mount top = root;
        OwnedFds.Owned topFd = rootFd;
        TargetDirs dirs = new TargetDirs();
        for (int i = 1; i < order.size(); i++) {
            Mount m = order.get(i);
            Mount parent = plan.mount(m.parentId());
            OpenParent p = open.get(parent.id());
            boolean onTop = m.mountpoint().equals(RawString.SLASH);
            prefetch(calls, opener, order, i);
            try {
                OwnedFds.Owned fd = p.fd == null ? attachInChain(calls, opener, m, parent, onTop)
                        : attach(calls, opener, work, dirs, m, parent, p, onTop);
                if (onTop) {
                    if (top != root && !open.containsKey(top.id())) {
                        release(top, topFd);
                    }
                    top = m;
                    topFd = fd;
                }
                if ((fd != null || cwdAt == m) && !plan.children(m).isEmpty()) {
                    open.put(m.id(), new OpenParent(fd, plan.children(m).size()));
                }
            } catch (NativeCallException e) {
                throw new MountStageException(id(), plan.label(m) + " on " + parent.label(), e);
            }
            if (--p.remaining == 0 && parent != root) {
                open.remove(parent.id());
                if (p.content != null) {
                    p.content.close();
                }
                if (parent != top && p.fd != null) {
                    release(parent, p.fd);
                }
            }
        }
        dirs.close();
        OpenParent rootParent = open.get(root.id());
        if (rootParent != null && rootParent.content != null) {
            rootParent.content.close();
        }
        try {
            // pivot_root(".", ".") stacks the old root on the new one; detaching "." then removes
            // it (pivot_root(2)); no path through the old root is ever resolved.
            k.fchdir(rootFd.fd());
            k.pivotRoot(DOT, DOT);
            k.umount2(DOT, UmountFlags.MNT_DETACH);
        } catch (NativeCallException e) {
            throw new MountStageException(id(), "namespace " + nsId + ", pivoting into " + root.label(), e);
        }
        restore.roots.put(nsId, topFd);
        if (top != root) {
            release(root, rootFd);
        }
    }

    /** Opens the mount parked for {@code m}; a mount later stages act on keeps its fd in the restore. */
    private OwnedFds.Owned own(V2Calls calls, int work, Mount m) {
        OwnedFds.Owned fd = restore.clonedAtAssembly.contains(m.id()) ? ready.remove(m.id())
                : restore.fds.own(m, calls.openParked(work, V2Restore.parkedName(m)));
        if (restore.keptAfterAssembly(m)) {
            restore.mountFds.put(m.id(), fd);
        }
        return fd;
    }

    /**
     * Makes sure the clone of {@code order[from]} is ready when that mount is to be cloned here.
     * Clones are made in batches of up to {@value V2PopulateTree#BATCH} mounts of the walk on the
     * sources namespace's thread, grouped by source so each source is opened once per batch;
     * when one batch is taken, the next is started at once, so the sources thread clones (and
     * makes their source directories) while this thread attaches: two cores, one walk.
     */
    private void prefetch(V2Calls calls, V2SourceOpener opener, List<Mount> order, int from) {
        Mount first = order.get(from);
        if (!restore.clonedAtAssembly.contains(first.id()) || ready.containsKey(first.id())) {
            return;
        }
        while (!ready.containsKey(first.id())) {
            if (pending == null) {
                startBatch(calls, opener, order, Math.max(from, nextBatchFrom));
            }
            takeBatch();
        }
        startBatch(calls, opener, order, nextBatchFrom);
    }

    /** Starts cloning the next batch of the walk from {@code start} on, unless none is left. */
    private void startBatch(V2Calls calls, V2SourceOpener opener, List<Mount> order, int start) {
        List<Mount> batch = new ArrayList<>();
        int j = start;
        for (; j < order.size() && batch.size() < V2PopulateTree.BATCH; j++) {
            if (restore.clonedAtAssembly.contains(order.get(j).id())) {
                batch.add(order.get(j));
            }
        }
        nextBatchFrom = j;
        if (batch.isEmpty()) {
            return;
        }
        batch.sort(Comparator.comparingInt(m -> restore.plan.source(m).index()));
        V2PopulateTree cloner = new V2PopulateTree(restore);
        RestoreContext ctx = context;
        pending = restore.work.thread().start(
                () -> cloner.createChunk(ctx, opener, calls, batch, new ArrayList<>(), id()));
    }

    private void takeBatch() {
        NamespaceExecutor.Pending<List<V2PopulateTree.Clone>> batch = pending;
        pending = null;
        for (V2PopulateTree.Clone c : batch.join()) {
            ready.put(c.mount().id(), c.fd());
        }
    }

    private void release(Mount m, OwnedFds.Owned fd) {
        if (!restore.keptAfterAssembly(m)) {
            fd.close();
        }
    }

    /**
     * The directory of the last target, so siblings on {@code /flat/1}, {@code /flat/2}… resolve
     * {@code flat} once: one fd at a time, on the rollback stack.
     */
    private final class TargetDirs implements AutoCloseable {
        private Mount parent;
        private RawString dir;
        private OwnedFds.Owned fd;

        /** An fd on the directory holding {@code rel}'s last name below {@code parentFd}: that fd itself for a single name. */
        int parentOf(V2Calls calls, Mount parent, int parentFd, RawString rel) {
            int slash = rel.length() - ContentDirs.name(rel).length() - 1;
            return slash < 0 ? parentFd : dir(calls, parent, parentFd, rel.substring(0, slash));
        }

        private int dir(V2Calls calls, Mount parent, int parentFd, RawString dir) {
            if (parent != this.parent || !dir.equals(this.dir)) {
                close();
                fd = restore.fds.own("directory '" + dir + "' of " + parent.label(), calls.resolve(parentFd, dir));
                this.parent = parent;
                this.dir = dir;
            }
            return fd.fd();
        }

        @Override
        public void close() {
            if (fd != null) {
                fd.close();
                fd = null;
                parent = null;
            }
        }
    }

    /**
     * Moves {@code m} from its plain mountpoint onto its place below {@code parentFd}; returns
     * its fd when it has children or a later stage needs it, null when it was moved by name.
     * In a filesystem this restore made, the target's directory is resolved (confined) and the
     * last name given to move_mount, which follows no symlink there; elsewhere the whole target
     * is resolved confined first.
     */
    private OwnedFds.Owned attach(V2Calls calls, V2SourceOpener opener, int work, TargetDirs dirs, Mount m,
                               Mount parent, OpenParent p, boolean onTop) {
        int parentFd = p.fd.fd();
        boolean needsFd = needsFd(m, onTop);
        if ((restore.inPlace.contains(parent.id()) || restore.mountpointsAtAssembly.contains(parent.id()))
                && !m.mountpoint().equals(parent.mountpoint())) {
            return attachBelowNew(calls, opener, work, m, parent, p, needsFd, onTop);
        }
        if (restore.inPlace.contains(m.id())) {
            RawString rel = BuildPlan.mountpointInParent(parent, m);
            if (restore.plan.source(parent).isFresh()) {
                RawString name = ContentDirs.name(rel);
                int dirFd = dirs.parentOf(calls, parent, parentFd, rel);
                if (calls.paths().create(dirFd, name, false)) {
                    return createOnNewDirectory(calls, opener, m, dirFd, name, needsFd, onTop);
                }
                return createInPlace(calls, opener, m, dirFd, name, needsFd, onTop);
            }
            return createInPlace(calls, opener, m, parentFd, rel, needsFd, onTop);
        }
        OwnedFds.Owned fd = needsFd ? own(calls, work, m) : null;
        int fromFd = fd != null ? fd.fd() : work;
        RawString fromPath = fd != null ? RawString.EMPTY : V2Restore.parkedName(m);
        int fromFlags = fd != null ? MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH : 0;
        RawString rel = BuildPlan.mountpointInParent(parent, m);
        Kernel k = calls.kernel();
        if (rel.isEmpty()) {
            // Stacked on the parent's own root, the target is the parent: move_mount goes to the top.
            k.moveMount(fromFd, fromPath, parentFd, RawString.EMPTY, fromFlags | MoveMountFlags.MOVE_MOUNT_T_EMPTY_PATH);
        } else if (restore.plan.source(parent).isFresh()) {
            RawString name = ContentDirs.name(rel);
            int dirFd = dirs.parentOf(calls, parent, parentFd, rel);
            k.moveMount(fromFd, fromPath, dirFd, name, fromFlags);
        } else {
            int target = calls.resolve(parentFd, rel);
            try {
                k.moveMount(fromFd, fromPath, target, RawString.EMPTY, fromFlags | MoveMountFlags.MOVE_MOUNT_T_EMPTY_PATH);
            } finally {
                k.close(target);
            }
        }
        if (fd != null && !onTop && restore.plan.children(m).isEmpty()) {
            release(m, fd);
        }
        return fd;
    }

    /**
     * Attaches {@code m} below a parent created in place a moment ago, or made whole by
     * populate-tree without its children's mountpoints ({@link V2Restore#mountpointsAtAssembly}),
     * whose filesystem holds nothing but what this restore (or a content plugin) made in it: its
     * mountpoint is made first (a file when its root is one), then it is created there or moved onto it by name (move_mount follows no
     * final symlink).
     */
    private OwnedFds.Owned attachBelowNew(V2Calls calls, V2SourceOpener opener, int work, Mount m, Mount parent,
                                       OpenParent p, boolean needsFd, boolean onTop) {
        RawString rel = BuildPlan.mountpointInParent(parent, m);
        if (p.content == null) {
            p.content = new ContentDirs(calls.paths(), restore.fds, p.fd.fd(), restore.plan.source(parent).knownDirs());
        }
        boolean made = p.content.create(rel, restore.fileMounts.contains(m.id()));
        int dirFd = p.content.parentOf(rel);
        RawString name = ContentDirs.name(rel);
        if (restore.inPlace.contains(m.id())) {
            return made ? createOnNewDirectory(calls, opener, m, dirFd, name, needsFd, onTop)
                    : createInPlace(calls, opener, m, dirFd, name, needsFd, onTop);
        }
        OwnedFds.Owned fd = needsFd ? own(calls, work, m) : null;
        if (fd != null) {
            calls.kernel().moveMount(fd.fd(), RawString.EMPTY, dirFd, name, MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
        } else {
            calls.kernel().moveMount(work, V2Restore.parkedName(m), dirFd, name, 0);
        }
        if (fd != null && !onTop && restore.plan.children(m).isEmpty()) {
            release(m, fd);
        }
        return fd;
    }

    /**
     * Creates the fresh filesystem of {@code m} on {@code name}, a directory this thread made in
     * {@code dirFd} a moment ago: the thread's working directory (its own, see NamespaceThread)
     * moves to {@code dirFd} and mount(2) is given the single name. Nothing can have replaced our
     * new directory with a symlink since nothing else writes to a filesystem the restore made,
     * so the confined lookup and the magic link {@link #createInPlace} needs are not: two calls
     * fewer per mount, and no walk through /proc.
     */
    private OwnedFds.Owned createOnNewDirectory(V2Calls calls, V2SourceOpener opener, Mount m, int dirFd, RawString name,
                                             boolean needsFd, boolean onTop) {
        calls.kernel().fchdir(dirFd);
        cwdAt = null;
        opener.mountInPlace(restore.plan.source(m), name);
        if (chainable(m, onTop)) {
            return enterChain(calls, m, name);
        }
        return placed(calls, m, dirFd, name, needsFd, onTop);
    }

    /**
     * Whether {@code m}, just created in place, becomes a chain link: its one child is created in
     * place too, on a single name in m's new and otherwise empty filesystem (tmpfs or ramfs, not
     * proc, which has a {@code sys} of its own; no content plugin listens), and nothing else needs
     * an fd on m. Then the thread's cwd moves onto m's root by that name, and the child's mountpoint and mount are made by name from there: mkdirat, mount
     * and chdir per link, where an fd would cost an openat2, an fchdir and a close more (the
     * {@code nested} bench layout is chains of 32).
     */
    private boolean chainable(Mount m, boolean onTop) {
        List<Mount> kids = restore.plan.children(m);
        if (onTop || kids.size() != 1 || !FreshMounts.startsEmpty(m.fstype()) || context.wantsFreshFilesystems()
                || restore.keptAfterAssembly(m)) {
            return false;
        }
        Mount child = kids.get(0);
        RawString rel = BuildPlan.mountpointInParent(m, child);
        return restore.inPlace.contains(child.id()) && !rel.isEmpty() && rel.indexOf((byte) '/') < 0
                && !restore.fileMounts.contains(child.id());
    }

    private OwnedFds.Owned enterChain(V2Calls calls, Mount m, RawString name) {
        calls.kernel().chdir(name);
        cwdAt = m;
        return null;
    }

    /**
     * Creates {@code m}, the one child of the chain link {@code parent} whose root the cwd is:
     * its mountpoint made and its filesystem mounted by name there (see {@link #chainable}).
     */
    private OwnedFds.Owned attachInChain(V2Calls calls, V2SourceOpener opener, Mount m, Mount parent, boolean onTop) {
        if (cwdAt != parent) {
            throw new IllegalStateException("chain link " + parent.label() + " is not the cwd of the thread attaching "
                    + m.label());
        }
        RawString name = BuildPlan.mountpointInParent(parent, m);
        calls.kernel().mkdirat(AtFlags.AT_FDCWD, name, 0755);
        opener.mountInPlace(restore.plan.source(m), name);
        if (chainable(m, onTop)) {
            return enterChain(calls, m, name);
        }
        cwdAt = null;
        return placed(calls, m, AtFlags.AT_FDCWD, name, needsFd(m, onTop), onTop);
    }

    /** Whether {@code m} needs an fd once attached: as the parent of its children, the new top of "/", or for a later stage. */
    private boolean needsFd(Mount m, boolean onTop) {
        return onTop || !restore.plan.children(m).isEmpty() || restore.keptAfterAssembly(m)
                || restore.clonedAtAssembly.contains(m.id());
    }

    /**
     * Creates the fresh filesystem of {@code m} on {@code rel} below {@code dirFd}: the target is
     * resolved confined (no symlink, no mount crossing) and mount(2) is given the magic link of
     * that O_PATH fd, so it mounts on exactly what was resolved. Returns an fd on the new mount
     * when it has children or a later stage needs it, else null.
     */
    private OwnedFds.Owned createInPlace(V2Calls calls, V2SourceOpener opener, Mount m, int dirFd, RawString rel,
                                      boolean needsFd, boolean onTop) {
        Kernel k = calls.kernel();
        int target = calls.resolve(dirFd, rel);
        try {
            opener.mountInPlace(restore.plan.source(m), RawString.of("/proc/thread-self/fd/" + target));
        } finally {
            k.close(target);
        }
        return placed(calls, m, dirFd, rel, needsFd, onTop);
    }

    /**
     * Announces the filesystem just created on {@code rel} below {@code dirFd} to content plugins,
     * and returns the fd it keeps, or null when nothing needs one.
     */
    private OwnedFds.Owned placed(V2Calls calls, Mount m, int dirFd, RawString rel, boolean needsFd, boolean onTop) {
        boolean announce = context.wantsFreshFilesystems();
        if (!needsFd && !announce) {
            return null;
        }
        // The new mount is on top of what rel names now; nothing else is below it in the walk.
        OwnedFds.Owned fd = restore.fds.own(m, calls.reach(dirFd, rel));
        if (announce) {
            context.freshFilesystem(m, fd.fd());
            if (!needsFd) {
                fd.close();
                return null;
            }
        }
        if (restore.keptAfterAssembly(m)) {
            restore.mountFds.put(m.id(), fd);
        }
        if (!onTop && restore.plan.children(m).isEmpty()) {
            release(m, fd);
        }
        return fd;
    }
}
