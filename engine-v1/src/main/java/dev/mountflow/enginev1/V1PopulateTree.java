package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.ContentDirs;
import dev.mountflow.build.ContentSource;
import dev.mountflow.build.DeletedRootStandIns;
import dev.mountflow.build.FreshMounts;
import dev.mountflow.build.MountStageException;
import dev.mountflow.build.OwnedFds;
import dev.mountflow.engine.LinkRemaps;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.UmountFlags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Leaves behind, under the roots yard, every namespace's tree with every mount at its place and
 * the sharing inheritance gives it (see {@link V1Plan}), and, beside the trees, the
 * whole-filesystem mounts and helpers they were bound from. Each step of the plan is one mount(2)
 * call on a target resolved by openat2 below the fd of the mount holding it (so no symlink is
 * followed and no path leaves it) and given as {@code /proc/thread-self/fd/N}: a new filesystem,
 * or a bind of a path beneath a source, helper or peer. The kernel's propagated copies of it are
 * the image's mounts at those places, as the plan says; then propagation changes give each its
 * sharing. Mountpoints missing from content the restore created (or, with
 * {@code --create-mountpoints}, from host content) are created as what the mount on them is, a
 * directory or a file. An fd is held only while a later step needs it. The trees are then read
 * back from the work namespace's mountinfo and compared with the image.
 *
 * <p>Each filesystem it creates (a whole mount in the yard, or a new mount at its place) is
 * announced to content plugins right after the mount(2) call, before anything is mounted on it. A
 * deleted root recreated in host content is marked as a link remap and removed again on rollback.
 */
final class V1PopulateTree extends EngineStage {
    /** Where a bind source is mounted alone for a moment when mounts of it hide the path to bind. */
    private static final RawString CLEAN_SOURCE = RawString.of("bind-source");
    /** Where the path to bind is mounted alone from there, for the step that binds it. */
    private static final RawString CLEAN_PATH = RawString.of("bind-path");

    private final V1Restore restore;
    private final Map<Integer, OwnedFds.Owned> helpers = new HashMap<>();
    private final Map<Integer, Integer> uses = new HashMap<>();
    /** How many steps still bind from (or beneath) each source. */
    private final Map<ContentSource, Integer> sourceUses = new HashMap<>();
    private RestoreContext context;
    private V1Calls calls;
    /** The path to bind mounted alone in the yard for the current step, or null. */
    private OwnedFds.Owned clean;
    /** The directories of the content of {@link #holderDirsOf}, or null. */
    private ContentDirs holderDirs;
    private Mount holderDirsOf;
    /** The directories of the content of {@link #sourceDirsOf}, or null. */
    private ContentDirs sourceDirs;
    private ContentSource sourceDirsOf;

    V1PopulateTree(V1Restore restore) {
        super(StageIds.POPULATE_TREE, "every mount exists in tree order under the roots yard, with the sharing it inherits");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) throws IOException {
        this.context = context;
        calls = new V1Calls(context.kernel());
        uses.putAll(restore.plan.uses());
        for (V1Step step : restore.plan.steps()) {
            if (step instanceof V1Step.MountHelper h) {
                sourceUses.merge(h.source(), 1, Integer::sum);
            } else if (step instanceof V1Step.Create c && c.from().kind() != V1Step.From.Kind.NEW) {
                sourceUses.merge(c.from().source(), 1, Integer::sum);
            }
        }
        boolean createMountpoints = context.request().createMountpoints();
        restore.work.run(() -> {
            for (V1Step step : restore.plan.steps()) {
                if (step instanceof V1Step.MountSource s) {
                    mountWhole(s.source());
                } else if (step instanceof V1Step.MountHelper h) {
                    mountHelper(h);
                } else {
                    create((V1Step.Create) step, createMountpoints);
                }
            }
            closeHolderDirs();
            closeSourceDirs();
            helpers.values().forEach(OwnedFds.Owned::close);
        });
        V1YardCheck.check(id(), context.image(), restore.plan, restore.work.mountInfoPath());
    }

    private void mountWhole(ContentSource source) {
        RawString name = RawString.of("src-" + source.index());
        try {
            calls.kernel().mkdirat(restore.yard.fd(), name, 0700);
            try (OwnedFds.Owned at = own("yard directory", calls.paths().resolve(restore.yard.fd(), name))) {
                FreshMounts.mount(calls.kernel(), source.first(), V1Calls.link(at.fd()));
            }
            OwnedFds.Owned whole = own(source.describe(), calls.paths().reach(restore.yard.fd(), name));
            restore.wholeMounts.put(source, whole);
            context.freshFilesystem(source.first(), whole.fd());
        } catch (NativeCallException e) {
            throw new MountStageException(id(), "source " + source.describe() + " of " + restore.tree.label(source.first()), e);
        }
    }

    /** A bind of the source's root (or of the master group's helper), made a slave of its master, then shared. */
    private void mountHelper(V1Step.MountHelper h) {
        RawString name = RawString.of("helper-" + h.group());
        try {
            calls.kernel().mkdirat(restore.yard.fd(), name, 0700);
            OwnedFds.Owned from = h.masterGroup() != 0 ? helpers.get(h.masterGroup()) : restore.sourceFd(h.source());
            try (OwnedFds.Owned at = own("yard directory", calls.paths().resolve(restore.yard.fd(), name))) {
                calls.bind(from.fd(), at.fd());
            }
            OwnedFds.Owned fd = own("helper of peer group " + h.group(), calls.paths().reach(restore.yard.fd(), name));
            helpers.put(h.group(), fd);
            if (h.masterGroup() != 0) {
                calls.propagation(fd.fd(), MountFlags.MS_SLAVE);
            }
            calls.propagation(fd.fd(), MountFlags.MS_SHARED);
            usedSource(h.source());
        } catch (NativeCallException e) {
            throw new MountStageException(id(), "helper of peer group " + h.group() + " from " + h.source().describe(), e);
        }
    }

    private void create(V1Step.Create step, boolean createMountpoints) {
        Mount origin = step.origin();
        BuildPlan tree = restore.tree;
        List<Mount> all = new ArrayList<>();
        all.add(origin);
        all.addAll(step.copies());
        Map<Mount, OwnedFds.Owned> made = new HashMap<>();
        try {
            int flags = mount(step, createMountpoints);
            Set<Mount> changed = new HashSet<>();
            for (V1Step.Propagation change : step.changes()) {
                changed.add(change.mount());
            }
            for (Mount m : all) {
                int wanted = FreshMounts.perMountFlags(m.flags());
                if (wanted == flags && !changed.contains(m) && !needed(m)) {
                    continue;
                }
                OwnedFds.Owned fd = openMount(m);
                made.put(m, fd);
                if (wanted != flags) {
                    calls.perMountFlags(fd.fd(), wanted);
                }
            }
            for (V1Step.Propagation change : step.changes()) {
                calls.propagation(made.get(change.mount()).fd(), change.type());
            }
        } catch (NativeCallException e) {
            throw new MountStageException(id(), tree.label(origin), e);
        } finally {
            for (var entry : made.entrySet()) {
                keepOrClose(entry.getKey(), entry.getValue());
            }
        }
        if (step.from().kind() == V1Step.From.Kind.MEMBER) {
            used(step.from().member());
        }
        if (step.from().kind() != V1Step.From.Kind.NEW) {
            usedSource(step.from().source());
        }
        for (Mount m : all) {
            Mount holder = V1Locations.holder(tree, m);
            if (holder != null) {
                used(holder);
            }
        }
    }

    /**
     * Makes the origin of {@code step} with one mount(2) call; returns the per-mount flags it has
     * then ({@code -1} when unknown, from a host mount).
     */
    private int mount(V1Step.Create step, boolean createMountpoints) {
        Mount origin = step.origin();
        V1Locations place = V1Locations.of(restore.tree, origin);
        RawString name = ContentDirs.name(place.rel());
        boolean made = !place.stacked() && place.holder() != null && restore.tree.source(place.holder()).isFresh();
        boolean fileRoot = origin.deleted() && !place.stacked() && place.holder() != null && mountpointIsFile(place);
        try (OwnedFds.Owned from = step.from().kind() == V1Step.From.Kind.NEW ? null
                : bindSource(step.from(), origin, fileRoot)) {
            boolean file = from != null
                    && !calls.kernel().statx(from.fd(), RawString.EMPTY, AtFlags.AT_EMPTY_PATH).isDirectory();
            OwnedFds.Owned at;
            if (made) {
                // Content the restore created holds only its own directories: create first, then
                // the confined lookup checks it is no symlink and that nothing is mounted there.
                ContentDirs dirs = holderDirs(place.holder());
                dirs.create(place.rel(), file);
                at = own("mountpoint '" + name + "'", calls.paths().resolve(dirs.parentOf(place.rel()), name));
            } else {
                try (OwnedFds.Owned dir = directory(place, !place.stacked() && place.holder() != null && createMountpoints)) {
                    if (place.stacked()) {
                        // The top of the stack, where mount(2) puts the new mount anyway.
                        at = own("stack on '" + name + "'", calls.paths().reach(dir.fd(), name));
                    } else {
                        if (place.holder() != null && createMountpoints) {
                            calls.paths().ensure(dir.fd(), name, file);
                        }
                        // Nothing is mounted there yet: the confined lookup refuses to cross a mount (EXDEV).
                        at = own("mountpoint '" + name + "'", calls.paths().resolve(dir.fd(), name));
                    }
                }
            }
            try (at) {
                if (from == null) {
                    FreshMounts.mount(calls.kernel(), origin, V1Calls.link(at.fd()));
                    announce(step.from().source(), origin);
                    return FreshMounts.perMountFlags(origin.flags());
                }
                calls.bind(from.fd(), at.fd());
                return flagsOf(step.from());
            }
        } finally {
            dropCleanSource();
        }
    }

    /** Announces the filesystem of {@code source} just created as {@code origin}, on top of its place. */
    private void announce(ContentSource source, Mount origin) {
        if (context.wantsFreshFilesystems()) {
            try (OwnedFds.Owned fd = openMount(origin)) {
                context.freshFilesystem(source.first(), fd.fd());
            }
        }
    }

    /**
     * The directories of {@code holder}'s content, which the restore created: one cache at a time,
     * for the holder of the last mountpoints (siblings come one after the other in tree order).
     */
    private ContentDirs holderDirs(Mount holder) {
        if (holderDirs == null || holderDirsOf != holder) {
            closeHolderDirs();
            holderDirs = new ContentDirs(calls.paths(), restore.fds, restore.mountFds.get(holder.id()).fd(), new HashSet<>());
            holderDirsOf = holder;
        }
        return holderDirs;
    }

    private void closeHolderDirs() {
        if (holderDirs != null) {
            holderDirs.close();
            holderDirs = null;
            holderDirsOf = null;
        }
    }

    /**
     * The directory holding {@code place}'s last name: the holder's root, or a directory below it,
     * made first when {@code create}.
     */
    private OwnedFds.Owned directory(V1Locations place, boolean create) {
        OwnedFds.Owned holder = place.holder() == null ? restore.yard : restore.mountFds.get(place.holder().id());
        RawString name = ContentDirs.name(place.rel());
        if (name.length() == place.rel().length()) {
            return OwnedFds.borrow(holder);
        }
        RawString dir = place.rel().substring(0, place.rel().length() - name.length() - 1);
        if (create) {
            calls.paths().ensure(holder.fd(), dir, false);
        }
        return own("directory '" + dir + "'", calls.paths().resolve(holder.fd(), dir));
    }

    /**
     * Whether the mountpoint at {@code place} is a file in its holder's content as it stands now
     * (content a plugin put into a fresh filesystem, or host content): a mount's root and its
     * mountpoint are both files or both directories, so a deleted root recreated for it must be a
     * file then. False when it does not exist yet (both are then made as directories).
     */
    private boolean mountpointIsFile(V1Locations place) {
        try (OwnedFds.Owned dir = directory(place, false)) {
            return calls.paths().isNonDirectory(dir.fd(), ContentDirs.name(place.rel()));
        } catch (NativeCallException e) {
            if (e.is(Errno.ENOENT)) {
                return false;
            }
            throw e;
        }
    }

    /** An fd on the mount on top of {@code m}'s place, which is {@code m} right after its class was created. */
    private OwnedFds.Owned openMount(Mount m) {
        V1Locations place = V1Locations.of(restore.tree, m);
        try (OwnedFds.Owned dir = directory(place, false)) {
            return own(restore.tree.label(m), calls.paths().reach(dir.fd(), ContentDirs.name(place.rel())));
        }
    }

    /**
     * An fd on the path of {@code m}'s root beneath what it is bound from. A root in a filesystem
     * the restore created, or a deleted one, is made to exist first (without content to look at,
     * as a directory). When mounts on the bind source hide the path (a helper receives copies of
     * its group's mounts), the source is mounted alone in the yard for the moment and the path
     * found there.
     */
    private OwnedFds.Owned bindSource(V1Step.From from, Mount m, boolean fileRoot) {
        ContentSource source = from.source();
        RawString root = m.root();
        RawString inSource = source.relative(root);
        if (source.isFresh() && !inSource.isEmpty() && m.deleted() && from.kind() == V1Step.From.Kind.MEMBER
                && from.member().deleted() && from.member().root().equals(root)) {
            // A peer bound from a member with the same deleted root shares that member's dentry.
            return OwnedFds.borrow(restore.mountFds.get(from.member().id()));
        }
        if (source.isFresh() && !inSource.isEmpty()) {
            ContentDirs dirs = sourceDirs(source);
            if (m.deleted()) {
                RawString standIn = DeletedRootStandIns.of(inSource, m);
                dirs.create(standIn, fileRoot);
                restore.recreated.add(new V1Restore.RecreatedRoot(source, inSource, m, standIn));
                root = DeletedRootStandIns.of(root, m);
                inSource = standIn;
            } else {
                dirs.create(inSource, false);
            }
            if (from.kind() == V1Step.From.Kind.SOURCE) {
                return own("bind source of " + m.label(),
                        calls.paths().resolve(dirs.parentOf(inSource), ContentDirs.name(inSource)));
            }
        } else if (m.deleted() && calls.paths().ensure(restore.sourceFd(source).fd(), inSource, false)) {
            restore.recreated.add(new V1Restore.RecreatedRoot(source, inSource, m, null));
            // On the host's content: removed again should the restore fail, and marked so that gc
            // removes it should the restore be killed.
            Path host = source.hostPath();
            RawString made = inSource;
            context.rollback().push("recreated deleted root '" + host + "/" + made + "'",
                    () -> LinkRemaps.remove(calls.kernel(), host, made));
            LinkRemaps.mark(calls.kernel(), restore.sourceFd(source).fd(), inSource);
        }
        OwnedFds.Owned base;
        RawString rel;
        switch (from.kind()) {
            case SOURCE -> {
                base = restore.sourceFd(source);
                rel = inSource;
            }
            case HELPER -> {
                base = helpers.get(from.group());
                rel = inSource;
            }
            default -> {
                base = restore.mountFds.get(from.member().id());
                rel = root.relativeTo(from.member().root());
            }
        }
        if (rel.isEmpty()) {
            return OwnedFds.borrow(base);
        }
        try {
            return own("bind source of " + m.label(), calls.paths().resolve(base.fd(), rel));
        } catch (NativeCallException e) {
            if (!e.is(Errno.EXDEV) || from.kind() == V1Step.From.Kind.SOURCE) {
                throw e;
            }
        }
        OwnedFds.Owned whole = yardBind(CLEAN_SOURCE, base, "bind source alone");
        OwnedFds.Owned path = own("bind source of " + m.label(), calls.paths().resolve(whole.fd(), rel));
        if (!calls.kernel().statx(path.fd(), RawString.EMPTY, AtFlags.AT_EMPTY_PATH).isDirectory()) {
            clean = whole;
            return path;
        }
        // A directory stays bound alone, not the source's root: the step's mount is copied onto
        // the bind source's peers, and umount2 through the fd of a mount with a copy stacked on
        // its root detaches only that copy (it reaches the top of the stack).
        try (whole; path) {
            clean = yardBind(CLEAN_PATH, path, "bind source path alone");
            // Nothing is mounted on it yet: the change and the detach are its own.
            calls.propagation(whole.fd(), MountFlags.MS_REC | MountFlags.MS_PRIVATE);
            calls.kernel().umount2(V1Calls.link(whole.fd()), UmountFlags.MNT_DETACH);
        }
        return OwnedFds.borrow(clean);
    }

    /** A bind of {@code from} on the yard's directory {@code name}, made first if missing; an fd on it. */
    private OwnedFds.Owned yardBind(RawString name, OwnedFds.Owned from, String what) {
        try {
            calls.kernel().mkdirat(restore.yard.fd(), name, 0700);
        } catch (NativeCallException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e;
            }
        }
        try (OwnedFds.Owned at = own("yard directory", calls.paths().resolve(restore.yard.fd(), name))) {
            calls.bind(from.fd(), at.fd());
        }
        return own(what, calls.paths().reach(restore.yard.fd(), name));
    }

    /**
     * The directories of a fresh source's content, through its whole mount: one cache at a time,
     * for the source of the last binds (tree order mostly keeps a superblock's mounts together).
     */
    private ContentDirs sourceDirs(ContentSource source) {
        if (sourceDirs == null || sourceDirsOf != source) {
            closeSourceDirs();
            sourceDirs = new ContentDirs(calls.paths(), restore.fds, restore.sourceFd(source).fd(), source.knownDirs());
            sourceDirsOf = source;
        }
        return sourceDirs;
    }

    private void closeSourceDirs() {
        if (sourceDirs != null) {
            sourceDirs.close();
            sourceDirs = null;
            sourceDirsOf = null;
        }
    }

    /**
     * Removes the bind source mounted alone, made private with whatever propagated onto it first,
     * so its removal propagates to none of its peers.
     */
    private void dropCleanSource() {
        if (clean == null) {
            return;
        }
        try (OwnedFds.Owned fd = clean) {
            clean = null;
            calls.propagation(fd.fd(), MountFlags.MS_REC | MountFlags.MS_PRIVATE);
            calls.kernel().umount2(V1Calls.link(fd.fd()), UmountFlags.MNT_DETACH);
        }
    }

    /** The per-mount flags a bind from {@code from} starts with, {@code -1} when unknown (a host mount's). */
    private static int flagsOf(V1Step.From from) {
        ContentSource source = from.source();
        return switch (from.kind()) {
            case MEMBER -> FreshMounts.perMountFlags(from.member().flags());
            case NEW -> throw new IllegalArgumentException("a new mount is no bind");
            default -> source.isFresh() ? FreshMounts.perMountFlags(source.first().flags()) : -1;
        };
    }

    /** Whether a later step or stage takes {@code m}'s fd. */
    private boolean needed(Mount m) {
        return uses.getOrDefault(m.id(), 0) > 0 || restore.plan.keptAfterPopulate(m);
    }

    private void keepOrClose(Mount m, OwnedFds.Owned fd) {
        if (needed(m)) {
            restore.mountFds.put(m.id(), fd);
        } else {
            fd.close();
        }
    }

    /** Counts one use of {@code m}'s fd; closes it after the last unless a later stage needs it. */
    private void used(Mount m) {
        int left = uses.merge(m.id(), -1, Integer::sum);
        if (left == 0 && !restore.plan.keptAfterPopulate(m)) {
            if (holderDirsOf == m) {
                closeHolderDirs();
            }
            OwnedFds.Owned fd = restore.mountFds.remove(m.id());
            if (fd != null) {
                fd.close();
            }
        }
    }

    /**
     * Counts one use of a source; closes its fd after the last unless cleanup removes a recreated
     * root through it or remount-read-only remounts its superblock through it.
     */
    private void usedSource(ContentSource source) {
        if (sourceUses.merge(source, -1, Integer::sum) > 0
                || source.isFresh() && (source.first().superFlags() & MountFlags.MS_RDONLY) != 0) {
            return;
        }
        for (V1Restore.RecreatedRoot r : restore.recreated) {
            if (r.source() == source) {
                return;
            }
        }
        if (sourceDirsOf == source) {
            closeSourceDirs();
        }
        OwnedFds.Owned fd = source.isFresh() ? restore.wholeMounts.remove(source) : restore.hostDirs.remove(source);
        if (fd != null) {
            fd.close();
        }
    }

    private OwnedFds.Owned own(String what, int fd) {
        return restore.fds.own(what, fd);
    }
}
