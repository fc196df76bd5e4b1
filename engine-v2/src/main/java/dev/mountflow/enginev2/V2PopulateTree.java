package dev.mountflow.enginev2;

import dev.mountflow.engine.LinkRemaps;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
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
final class V2PopulateTree implements Stage {
    static final int BATCH = 512;
    private static final int CLONE_NAME = OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC
            | AtFlags.AT_SYMLINK_NOFOLLOW;

    /** A detached clone on its way from the sources namespace to its own namespace. */
    record Clone(Mount mount, V2Fds.Owned fd) {
    }

    private final V2Restore restore;

    V2PopulateTree(V2Restore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.POPULATE_TREE;
    }

    @Override
    public String leavesBehind() {
        return "every mount exists alone and private on its plain mountpoint in its namespace's work area,"
                + " except fresh whole-filesystem mounts, created in place by assemble,"
                + " and clones of fresh filesystems, cloned straight to their place by assemble";
    }

    @Override
    public void run(RestoreContext context) {
        V2SourceOpener opener = new V2SourceOpener(context.kernel());
        V2Calls calls = new V2Calls(context.kernel());
        V2Plan plan = restore.plan;
        for (V2Source source : plan.sources()) {
            if (source.isDirect() && restore.createdInPlace(source.first())) {
                restore.inPlace.add(source.first().id());
            } else if (source.isFresh() && !source.isDirect()) {
                for (Mount m : source.members()) {
                    restore.clonedAtAssembly.add(m.id());
                }
            }
        }
        Map<V2Source, V2Fds.Owned> hostSources = new HashMap<>();
        restore.work = V2WorkArea.create(context, restore.fds, "sources", () -> {
            for (V2Source source : plan.sources()) {
                if (!source.isFresh()) {
                    hostSources.put(source, open(opener, source));
                }
            }
        });
        boolean createMountpoints = context.request().createMountpoints();
        restore.work.thread().run(() -> parkSources(context, opener, calls, hostSources));
        List<Mount> deferred = createMounts(context, opener, calls);
        restore.work.thread().run(() -> sourceMountpoints(calls, createMountpoints));
        for (Mount m : deferred) {
            V2WorkArea area = restore.area(m);
            area.thread().run(() -> {
                try (V2Fds.Owned fd = restore.fds.own(m.label(), openParked(calls, area, m))) {
                    directMountpoints(calls, plan.source(m), fd.fd(), m);
                }
            });
        }
    }

    private V2Fds.Owned open(V2SourceOpener opener, V2Source source) {
        try {
            return restore.fds.own("source " + source.describe(), opener.open(source));
        } catch (NativeCallException e) {
            throw new V2MountException(id(), "source " + source.describe() + " of " + restore.plan.label(source.first()), e);
        }
    }

    /**
     * Every source but the direct ones, on its plain mountpoint in the sources namespace; a fresh
     * one is announced to content plugins first, while nothing is mounted on it.
     */
    private void parkSources(RestoreContext context, V2SourceOpener opener, V2Calls calls,
                             Map<V2Source, V2Fds.Owned> hostSources) {
        for (V2Source source : restore.plan.sources()) {
            if (source.isDirect()) {
                continue;
            }
            if (V2SourceOpener.parksInPlace(source)) {
                try {
                    calls.kernel().mkdirat(restore.work.dir().fd(), source.workName(), 0700);
                    // Our own new directory on our own work tmpfs, in our own namespace.
                    opener.mountSourceInPlace(source, V2WorkArea.path(source.workName()));
                    if (context.wantsFreshFilesystems()) {
                        try (V2Fds.Owned fd = restore.openSource(calls, source)) {
                            context.freshFilesystem(source.first(), fd.fd());
                        }
                    }
                } catch (NativeCallException e) {
                    throw new V2MountException(id(), "source " + source.describe() + " of "
                            + restore.plan.label(source.first()), e);
                }
                continue;
            }
            try (V2Fds.Owned fd = source.isFresh() ? open(opener, source) : hostSources.get(source)) {
                if (source.isFresh()) {
                    context.freshFilesystem(source.first(), fd.fd());
                }
                calls.park(fd.fd(), restore.work.dir().fd(), source.workName());
            } catch (NativeCallException e) {
                throw new V2MountException(id(), "source " + source.describe() + " of "
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
        for (V2Source source : restore.plan.sources()) {
            if (source.isDirect() ? !restore.inPlace.contains(source.first().id()) : !source.isFresh()) {
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
        V2Plan plan = restore.plan;
        for (Mount m : run) {
            V2Source source = plan.source(m);
            RawString name = V2Restore.parkedName(m);
            try {
                calls.kernel().mkdirat(area.dir().fd(), name, 0700);
                // Our own new directory on our own work tmpfs, in our own namespace.
                opener.mountInPlace(source, V2WorkArea.path(name));
            } catch (NativeCallException e) {
                throw new V2MountException(id(), "source " + source.describe() + " of " + plan.label(m), e);
            }
            if (context.wantsFreshFilesystems()) {
                try (V2Fds.Owned fd = restore.fds.own(m.label(), openParked(calls, area, m))) {
                    context.freshFilesystem(m, fd.fd());
                }
            }
            if (plan.children(m).isEmpty()) {
                continue;
            }
            if (hasHostChild(m)) {
                deferred.add(m);
            } else if (!namesBelowParked(calls, area, m, name)) {
                try (V2Fds.Owned fd = restore.fds.own(m.label(), openParked(calls, area, m))) {
                    directMountpoints(calls, source, fd.fd(), m);
                }
            }
        }
    }

    /**
     * Makes the mountpoints of {@code m}'s children as {@code m-<id>/<name>} below the work area
     * when each is a single directory name: the filesystem was mounted a moment ago on our own
     * plain mountpoint and is empty, so there is nothing to follow. False, leaving the rest to the
     * general path, when one is deeper or is not made that way.
     */
    private boolean namesBelowParked(V2Calls calls, V2WorkArea area, Mount m, RawString parked) {
        List<RawString> names = new ArrayList<>();
        for (Mount child : restore.plan.children(m)) {
            RawString rel = restore.plan.mountpointInSource(m, child);
            if (rel.indexOf((byte) '/') >= 0 || restore.fileMounts.contains(child.id())) {
                return false;
            }
            // Assemble makes the mountpoint of a mount it creates in place right before mounting.
            if (!rel.isEmpty() && !restore.inPlace.contains(child.id())) {
                names.add(rel);
            }
        }
        try {
            for (RawString rel : names) {
                calls.kernel().mkdirat(area.dir().fd(), parked.concat(RawString.SLASH).concat(rel), 0755);
                restore.plan.source(m).knownDirs().add(rel);
            }
            return true;
        } catch (NativeCallException e) {
            return false;
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
        V2Source source = null;
        V2Fds.Owned sourceFd = null;
        V2ContentDirs dirs = null;
        try {
            for (Mount m : chunk) {
                V2Source next = restore.plan.source(m);
                if (next.isDirect()) {
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
                    dirs = new V2ContentDirs(calls, restore.fds, sourceFd.fd(), source.knownDirs());
                }
                try {
                    V2Fds.Owned clone = restore.fds.own(m.label(), cloneRoot(context, calls, source, sourceFd.fd(), dirs, m));
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
                    throw new V2MountException(stage, restore.plan.label(m), e);
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
    private V2Fds.Owned direct(RestoreContext context, V2SourceOpener opener, V2Calls calls, V2Source source,
                               List<Mount> deferred) {
        Mount m = source.first();
        V2Fds.Owned fd;
        try {
            fd = restore.fds.own(m.label(), opener.openDirect(source));
        } catch (NativeCallException e) {
            throw new V2MountException(id(), "source " + source.describe() + " of " + restore.plan.label(m), e);
        }
        context.freshFilesystem(m, fd.fd());
        if (hasHostChild(m)) {
            deferred.add(m);
        } else {
            directMountpoints(calls, source, fd.fd(), m);
        }
        return fd;
    }

    private void directMountpoints(V2Calls calls, V2Source source, int fd, Mount m) {
        try (V2ContentDirs dirs = new V2ContentDirs(calls, restore.fds, fd, source.knownDirs())) {
            for (Mount child : restore.plan.children(m)) {
                ensureMountpoint(calls, source, fd, dirs, true, m, child);
            }
        }
    }

    private int openParked(V2Calls calls, V2WorkArea area, Mount m) {
        try {
            return calls.openParked(area.dir().fd(), V2Restore.parkedName(m));
        } catch (NativeCallException e) {
            throw new V2MountException(id(), restore.plan.label(m), e);
        }
    }

    private V2Fds.Owned openSource(V2Calls calls, V2Source source) {
        return openSource(calls, source, id());
    }

    private V2Fds.Owned openSource(V2Calls calls, V2Source source, String stage) {
        try {
            return restore.openSource(calls, source);
        } catch (NativeCallException e) {
            throw new V2MountException(stage, "source " + source.describe() + " of " + restore.plan.label(source.first()), e);
        }
    }

    /**
     * A clone of {@code m}'s root. A deleted root, or any root in a filesystem this restore
     * created, is made to exist first: the image does not say whether a root is a file; without
     * content to look at, a directory. In a filesystem the restore made, nothing but its own
     * directories exists, so the last name is cloned straight from its resolved directory.
     */
    private int cloneRoot(RestoreContext context, V2Calls calls, V2Source source, int sourceFd, V2ContentDirs dirs,
                          Mount m) {
        RawString rel = source.relative(m.root());
        if (!source.isFresh()) {
            if (m.deleted() && calls.ensure(sourceFd, rel, false)) {
                restore.recreated.add(new V2Restore.RecreatedRoot(source, rel, m));
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
        if (dirs.create(rel, false) && m.deleted()) {
            restore.recreated.add(new V2Restore.RecreatedRoot(source, rel, m));
        }
        return calls.kernel().openTree(dirs.parentOf(rel), V2ContentDirs.name(rel), CLONE_NAME);
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
                    try (V2Fds.Owned fd = c.fd()) {
                        calls.park(fd.fd(), area.dir().fd(), V2Restore.parkedName(c.mount()));
                    } catch (NativeCallException e) {
                        throw new V2MountException(id(), restore.plan.label(c.mount()), e);
                    }
                }
            });
        }
    }

    /** The mountpoints of the children of every mount cloned from a source, made through the source. */
    private void sourceMountpoints(V2Calls calls, boolean createMountpoints) {
        V2Plan plan = restore.plan;
        for (V2Source source : plan.sources()) {
            if (source.isDirect()) {
                continue;
            }
            boolean mayCreate = source.isFresh() || createMountpoints;
            try (V2Fds.Owned sourceFd = openSource(calls, source);
                 V2ContentDirs dirs = new V2ContentDirs(calls, restore.fds, sourceFd.fd(), source.knownDirs())) {
                for (Mount parent : source.members()) {
                    for (Mount child : plan.children(parent)) {
                        ensureMountpoint(calls, source, sourceFd.fd(), dirs, mayCreate, parent, child);
                    }
                }
            }
        }
    }

    /** A mountpoint is created as what the mount on it is: a file bind needs a file. */
    private void ensureMountpoint(V2Calls calls, V2Source source, int sourceFd, V2ContentDirs dirs,
                                  boolean mayCreate, Mount parent, Mount child) {
        V2Plan plan = restore.plan;
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
            throw new V2MountException(id(), plan.label(child) + " mountpoint '" + rel + "' in "
                    + source.describe(), e);
        }
    }
}
