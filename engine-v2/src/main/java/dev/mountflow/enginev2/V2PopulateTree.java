package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.build.ContentDirs;
import dev.mountflow.build.MountStageException;
import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.ContentSource;
import dev.mountflow.build.DeletedRootStandIns;
import dev.mountflow.engine.LinkRemaps;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenTreeFlags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leaves behind every image mount alone and private on its own plain mountpoint in the work
 * area of its namespace, with its per-mount flags (all but read-only) set, except fresh
 * whole-filesystem mounts that assemble creates in place on their final mountpoint (see
 * {@link V2Restore#createdInPlace}: nothing is cloned from them, so parking and moving them
 * would only cost a directory and a move each; a deliberate departure from DESIGN §2 for v2)
 * and clones of filesystems the restore creates, which assemble clones straight to their final
 * place ({@link V2Restore#clonedAtAssembly}), and every root and
 * mountpoint path the tree needs (created where the restore made the filesystem or was allowed to
 * create mountpoints). A filesystem the restore creates for a single mount of its whole is that
 * mount; every other mount is a clone of its root path in its source. Those sources sit on plain
 * mountpoints in a namespace of their own, never part of the result, because open_tree clones
 * and propagation changes act on mounts of the caller's namespace (Linux 6.16+ refuses
 * propagation changes from elsewhere), and because it is a place for sharing helpers and
 * superblock remounts. No fd outlives the mount it was opened for, and clones are handed over in
 * batches of at most {@value #BATCH}, so the fds held stay bounded whatever the image's size.
 */
final class V2PopulateTree extends EngineStage {
    static final int BATCH = 512;
    private static final int CLONE_NAME = OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC
            | AtFlags.AT_SYMLINK_NOFOLLOW;

    /** A detached clone on its way from the sources namespace to its own namespace. */
    record Clone(Mount mount, OwnedFds.Owned fd) {
    }

    private final V2Restore restore;

    V2PopulateTree(V2Restore restore) {
        super(StageIds.POPULATE_TREE, "every mount exists alone and private on its plain mountpoint in its namespace's work area,"
                + " except fresh whole-filesystem mounts, created in place by assemble,"
                + " and clones of fresh filesystems, cloned straight to their place by assemble");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        V2SourceOpener opener = new V2SourceOpener(context.kernel());
        V2Calls calls = new V2Calls(context.kernel());
        BuildPlan plan = restore.plan;
        for (ContentSource source : plan.sources()) {
            if (V2Restore.isDirect(source) && restore.createdInPlace(source.first())) {
                restore.inPlace.add(source.first().id());
            } else if (source.isFresh() && !V2Restore.isDirect(source)) {
                for (Mount m : source.members()) {
                    restore.clonedAtAssembly.add(m.id());
                }
            }
        }
        Map<ContentSource, OwnedFds.Owned> hostSources = new HashMap<>();
        restore.work = V2WorkArea.create(context, restore.fds, "sources", () -> {
            for (ContentSource source : plan.sources()) {
                if (!source.isFresh()) {
                    hostSources.put(source, open(opener, source));
                }
            }
        });
        boolean createMountpoints = context.request().createMountpoints();
        // The sources are parked in their namespace while the mounts made in place are made in
        // theirs: two threads, nothing shared (clones from the sources queue up behind the
        // parking on the same thread). Not with content plugins, which expect one call at a time:
        // then the parking is waited for first.
        NamespaceExecutor.Pending<Void> parking = restore.work.thread().start(() -> {
            parkSources(context, opener, calls, hostSources);
            return null;
        });
        if (context.wantsFreshFilesystems()) {
            parking.join();
        }
        List<Mount> deferred;
        try {
            deferred = createMounts(context, opener, calls);
        } catch (RuntimeException e) {
            parking.settle(e);
            throw e;
        }
        parking.join();
        restore.work.thread().run(() -> sourceMountpoints(calls, createMountpoints));
        for (Mount m : deferred) {
            V2WorkArea area = restore.area(m);
            area.thread().run(() -> {
                try (OwnedFds.Owned fd = restore.fds.own(m, openParked(calls, area, m))) {
                    directMountpoints(calls, plan.source(m), fd.fd(), m);
                }
            });
        }
    }

    private OwnedFds.Owned open(V2SourceOpener opener, ContentSource source) {
        try {
            return restore.fds.own("source " + source.describe(), opener.open(source));
        } catch (NativeCallException e) {
            throw new MountStageException(id(), "source " + source.describe() + " of " + restore.plan.label(source.first()), e);
        }
    }

    /**
     * Every source but the direct ones, on its plain mountpoint in the sources namespace; a fresh
     * one is announced to content plugins first, while nothing is mounted on it.
     */
    private void parkSources(RestoreContext context, V2SourceOpener opener, V2Calls calls,
                             Map<ContentSource, OwnedFds.Owned> hostSources) {
        for (ContentSource source : restore.plan.sources()) {
            if (V2Restore.isDirect(source)) {
                continue;
            }
            if (V2SourceOpener.parksInPlace(source)) {
                try {
                    calls.kernel().mkdirat(restore.work.dir().fd(), V2Restore.workName(source), 0700);
                    // Our own new directory on our own work tmpfs, in our own namespace.
                    opener.mountSourceInPlace(source, V2WorkArea.path(V2Restore.workName(source)));
                    if (context.wantsFreshFilesystems()) {
                        try (OwnedFds.Owned fd = restore.openSource(calls, source)) {
                            context.freshFilesystem(source.first(), fd.fd());
                        }
                    }
                } catch (NativeCallException e) {
                    throw new MountStageException(id(), "source " + source.describe() + " of "
                            + restore.plan.label(source.first()), e);
                }
                continue;
            }
            try (OwnedFds.Owned fd = source.isFresh() ? open(opener, source) : hostSources.get(source)) {
                if (source.isFresh()) {
                    context.freshFilesystem(source.first(), fd.fd());
                }
                calls.park(fd.fd(), restore.work.dir().fd(), V2Restore.workName(source));
            } catch (NativeCallException e) {
                throw new MountStageException(id(), "source " + source.describe() + " of "
                        + restore.plan.label(source.first()), e);
            }
        }
    }

    /**
     * Every mount, in image order (so the kernel numbers them as the image lists them), a run at a
     * time: a run of mounts made in place on their plain mountpoint on their namespace's thread,
     * or a batch made on the sources namespace's thread and then parked on their namespace's.
     * Returns the direct mounts whose mountpoints wait for their children's clones (a bind's
     * mountpoint is a file when its root is).
     */
    private List<Mount> createMounts(RestoreContext context, V2SourceOpener opener, V2Calls calls) {
        List<Mount> all = new ArrayList<>();
        for (ContentSource source : restore.plan.sources()) {
            if (V2Restore.isDirect(source) ? !restore.inPlace.contains(source.first().id()) : !source.isFresh()) {
                all.addAll(source.members());
            }
        }
        List<Mount> deferred = new ArrayList<>();
        int from = 0;
        while (from < all.size()) {
            Mount first = all.get(from);
            boolean inPlace = V2SourceOpener.mountsInPlace(restore.plan.source(first));
            V2WorkArea area = restore.area(first);
            int to = from + 1;
            while (to < all.size() && to - from < BATCH) {
                Mount m = all.get(to);
                boolean next = V2SourceOpener.mountsInPlace(restore.plan.source(m));
                if (next != inPlace || inPlace && restore.area(m) != area) {
                    break;
                }
                to++;
            }
            List<Mount> run = all.subList(from, to);
            if (inPlace) {
                area.thread().run(() -> mountInPlace(context, opener, calls, area, run, deferred));
            } else {
                List<Clone> clones = restore.work.thread().call(() -> createChunk(context, opener, calls, run, deferred, id()));
                park(calls, clones);
            }
            from = to;
        }
        return deferred;
    }

    /** Direct mounts of types mount(2) always makes anew, mounted straight on their plain mountpoints. */
    private void mountInPlace(RestoreContext context, V2SourceOpener opener, V2Calls calls, V2WorkArea area,
                              List<Mount> run, List<Mount> deferred) {
        BuildPlan plan = restore.plan;
        for (Mount m : run) {
            ContentSource source = plan.source(m);
            RawString name = V2Restore.parkedName(m);
            try {
                calls.kernel().mkdirat(area.dir().fd(), name, 0700);
                // Our own new directory on our own work tmpfs, in our own namespace.
                opener.mountInPlace(source, V2WorkArea.path(name));
            } catch (NativeCallException e) {
                throw new MountStageException(id(), "source " + source.describe() + " of " + plan.label(m), e);
            }
            if (context.wantsFreshFilesystems()) {
                try (OwnedFds.Owned fd = restore.fds.own(m, openParked(calls, area, m))) {
                    context.freshFilesystem(m, fd.fd());
                }
            }
            if (plan.children(m).isEmpty()) {
                continue;
            }
            if (hasHostChild(m)) {
                deferred.add(m);
            } else {
                // Its filesystem holds only what this restore makes: assemble makes each child's
                // mountpoint right before attaching it, on the namespace's thread, while the
                // sources thread clones beside it.
                restore.mountpointsAtAssembly.add(m.id());
            }
        }
    }

    private boolean hasHostChild(Mount m) {
        for (Mount child : restore.plan.children(m)) {
            if (!restore.plan.source(child).isFresh()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Clones (or, for direct sources, creates) each mount of {@code chunk} as a detached mount
     * with its per-mount flags; run on the sources namespace's thread. Failures name {@code stage}.
     */
    List<Clone> createChunk(RestoreContext context, V2SourceOpener opener, V2Calls calls, List<Mount> chunk,
                            List<Mount> deferred, String stage) {
        List<Clone> clones = new ArrayList<>(chunk.size());
        ContentSource source = null;
        OwnedFds.Owned sourceFd = null;
        ContentDirs dirs = null;
        try {
            for (Mount m : chunk) {
                ContentSource next = restore.plan.source(m);
                if (V2Restore.isDirect(next)) {
                    clones.add(new Clone(m, direct(context, opener, calls, next, deferred)));
                    continue;
                }
                if (next != source) {
                    if (sourceFd != null) {
                        dirs.close();
                        sourceFd.close();
                    }
                    source = next;
                    sourceFd = openSource(calls, source, stage);
                    dirs = new ContentDirs(calls.paths(), restore.fds, sourceFd.fd(), source.knownDirs());
                }
                try {
                    OwnedFds.Owned clone = restore.fds.own(m, cloneRoot(context, calls, source, sourceFd.fd(), dirs, m));
                    clones.add(new Clone(m, clone));
                    // A clone has its source's flags: a fresh source was made with none but relatime.
                    if (!source.isFresh() || V2Calls.perMountAttrs(m.flags()) != 0) {
                        calls.setPerMountFlags(clone.fd(), m.flags());
                    }
                    if (!source.isFresh() && !calls.kernel().statx(clone.fd(), RawString.EMPTY,
                            AtFlags.AT_EMPTY_PATH).isDirectory()) {
                        restore.fileMounts.add(m.id());
                    }
                } catch (NativeCallException e) {
                    throw new MountStageException(stage, restore.plan.label(m), e);
                }
            }
        } finally {
            if (sourceFd != null) {
                dirs.close();
                sourceFd.close();
            }
        }
        return clones;
    }

    /**
     * A mount that is a whole filesystem of its own, made with its flags; it gets the mountpoints
     * of its children now unless one of them is cloned from host content.
     */
    private OwnedFds.Owned direct(RestoreContext context, V2SourceOpener opener, V2Calls calls, ContentSource source,
                                  List<Mount> deferred) {
        Mount m = source.first();
        OwnedFds.Owned fd;
        try {
            fd = restore.fds.own(m, opener.openDirect(source));
        } catch (NativeCallException e) {
            throw new MountStageException(id(), "source " + source.describe() + " of " + restore.plan.label(m), e);
        }
        context.freshFilesystem(m, fd.fd());
        if (hasHostChild(m)) {
            deferred.add(m);
        } else {
            directMountpoints(calls, source, fd.fd(), m);
        }
        return fd;
    }

    private void directMountpoints(V2Calls calls, ContentSource source, int fd, Mount m) {
        try (ContentDirs dirs = new ContentDirs(calls.paths(), restore.fds, fd, source.knownDirs())) {
            for (Mount child : restore.plan.children(m)) {
                ensureMountpoint(calls, source, fd, dirs, true, m, child);
            }
        }
    }

    private int openParked(V2Calls calls, V2WorkArea area, Mount m) {
        try {
            return calls.openParked(area.dir().fd(), V2Restore.parkedName(m));
        } catch (NativeCallException e) {
            throw new MountStageException(id(), restore.plan.label(m), e);
        }
    }

    private OwnedFds.Owned openSource(V2Calls calls, ContentSource source) {
        return openSource(calls, source, id());
    }

    private OwnedFds.Owned openSource(V2Calls calls, ContentSource source, String stage) {
        try {
            return restore.openSource(calls, source);
        } catch (NativeCallException e) {
            throw new MountStageException(stage, "source " + source.describe() + " of " + restore.plan.label(source.first()), e);
        }
    }

    /**
     * A clone of {@code m}'s root. A deleted root, or any root in a filesystem this restore
     * created, is made to exist first: the image does not say whether a root is a file; without
     * content to look at, a directory. In a filesystem the restore made, nothing but its own
     * directories exists, so the last name is cloned straight from its resolved directory.
     *
     * <p>There a deleted root is made under a name of its own beside its path
     * ({@link DeletedRootStandIns}), renamed onto its path and removed at cleanup
     * ({@link V2DeletedRoots}).
     */
    private int cloneRoot(RestoreContext context, V2Calls calls, ContentSource source, int sourceFd, ContentDirs dirs,
                          Mount m) {
        RawString rel = source.relative(m.root());
        if (!source.isFresh()) {
            if (m.deleted() && calls.ensure(sourceFd, rel, false)) {
                restore.recreated.add(new V2Restore.RecreatedRoot(source, rel, m, null));
                // On the host's content: removed again should the restore fail, and marked so
                // that gc removes it should the restore be killed.
                java.nio.file.Path host = source.hostPath();
                context.rollback().push("recreated deleted root '" + host + "/" + rel + "'",
                        () -> LinkRemaps.remove(calls.kernel(), host, rel));
                LinkRemaps.mark(calls.kernel(), sourceFd, rel);
            }
            return calls.cloneBeneath(sourceFd, rel);
        }
        if (rel.isEmpty()) {
            return calls.cloneBeneath(sourceFd, rel);
        }
        if (m.deleted()) {
            RawString standIn = DeletedRootStandIns.of(rel, m);
            dirs.create(standIn, mountpointIsFile(calls, m));
            restore.recreated.add(new V2Restore.RecreatedRoot(source, rel, m, standIn));
            return calls.kernel().openTree(dirs.parentOf(standIn), ContentDirs.name(standIn), CLONE_NAME);
        }
        dirs.create(rel, false);
        return calls.kernel().openTree(dirs.parentOf(rel), ContentDirs.name(rel), CLONE_NAME);
    }

    /**
     * Whether {@code m}'s mountpoint is a file in its parent's content as it stands now (content a
     * plugin put into a fresh filesystem, or host content): a mount's root and its mountpoint are
     * both files or both directories, so a deleted root recreated for it must be a file then. Run
     * on the sources namespace's thread; false when the parent's source is not parked there or the
     * mountpoint does not exist yet (the restore then makes both as directories).
     */
    private boolean mountpointIsFile(V2Calls calls, Mount m) {
        Mount parent = restore.plan.mount(m.parentId());
        if (parent == null || parent == m || restore.plan.source(parent) == null) {
            return false;
        }
        RawString where = restore.plan.mountpointInSource(parent, m);
        if (where.isEmpty()) {
            return false;
        }
        RawString name = ContentDirs.name(where);
        try (OwnedFds.Owned parentSource = restore.openSource(calls, restore.plan.source(parent))) {
            int dir = name.length() == where.length() ? parentSource.fd()
                    : calls.resolve(parentSource.fd(), where.substring(0, where.length() - name.length() - 1));
            try {
                return calls.paths().isNonDirectory(dir, name);
            } finally {
                if (dir != parentSource.fd()) {
                    calls.kernel().close(dir);
                }
            }
        } catch (NativeCallException e) {
            if (e.is(Errno.ENOENT)) {
                return false;
            }
            throw e;
        }
    }

    /** Moves each clone onto its plain mountpoint, on its namespace's thread, and closes its fd. */
    private void park(V2Calls calls, List<Clone> clones) {
        Map<V2WorkArea, List<Clone>> byArea = new LinkedHashMap<>();
        for (Clone c : clones) {
            byArea.computeIfAbsent(restore.area(c.mount()), a -> new ArrayList<>()).add(c);
        }
        for (var entry : byArea.entrySet()) {
            V2WorkArea area = entry.getKey();
            area.thread().run(() -> {
                for (Clone c : entry.getValue()) {
                    try (OwnedFds.Owned fd = c.fd()) {
                        calls.park(fd.fd(), area.dir().fd(), V2Restore.parkedName(c.mount()));
                    } catch (NativeCallException e) {
                        throw new MountStageException(id(), restore.plan.label(c.mount()), e);
                    }
                }
            });
        }
    }

    /** The mountpoints of the children of every mount cloned from a source, made through the source. */
    private void sourceMountpoints(V2Calls calls, boolean createMountpoints) {
        BuildPlan plan = restore.plan;
        for (ContentSource source : plan.sources()) {
            if (V2Restore.isDirect(source) || !anyChildMountpoint(source)) {
                continue;
            }
            boolean mayCreate = source.isFresh() || createMountpoints;
            try (OwnedFds.Owned sourceFd = openSource(calls, source);
                 ContentDirs dirs = new ContentDirs(calls.paths(), restore.fds, sourceFd.fd(), source.knownDirs())) {
                for (Mount parent : source.members()) {
                    for (Mount child : plan.children(parent)) {
                        ensureMountpoint(calls, source, sourceFd.fd(), dirs, mayCreate, parent, child);
                    }
                }
            }
        }
    }

    /** Whether a mount cloned from {@code source} has a child whose mountpoint is inside it (not on its root). */
    private boolean anyChildMountpoint(ContentSource source) {
        for (Mount parent : source.members()) {
            for (Mount child : restore.plan.children(parent)) {
                if (!restore.plan.mountpointInSource(parent, child).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A mountpoint is created as what the mount on it is: a file bind needs a file. */
    private void ensureMountpoint(V2Calls calls, ContentSource source, int sourceFd, ContentDirs dirs,
                                  boolean mayCreate, Mount parent, Mount child) {
        BuildPlan plan = restore.plan;
        RawString rel = plan.mountpointInSource(parent, child);
        if (rel.isEmpty()) {
            return;
        }
        try {
            boolean file = restore.fileMounts.contains(child.id());
            if (!mayCreate) {
                calls.kernel().close(calls.resolve(sourceFd, rel));
            } else if (source.isFresh() && restore.inPlace.contains(child.id())) {
                // Only its directory: assemble makes the last name right before mounting on it.
                dirs.parentOf(rel);
            } else if (source.isFresh()) {
                dirs.create(rel, file);
            } else {
                calls.ensure(sourceFd, rel, file);
            }
        } catch (NativeCallException e) {
            throw new MountStageException(id(), plan.label(child) + " mountpoint '" + rel + "' in "
                    + source.describe(), e);
        }
    }
}
