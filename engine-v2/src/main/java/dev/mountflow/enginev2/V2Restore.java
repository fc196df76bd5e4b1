package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.ContentSource;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the stages of one v2 restore hand to each other: the plan, the namespace threads and
 * work areas, the fds of mounts later stages act on, the deleted roots recreated for cloning.
 * Every resource in here is also on the context's rollback stack. Mounts and sources wait on
 * plain mountpoints rather than as fds, so the restore holds a bounded number of fds whatever
 * the image's size: only mounts a stage after assembly changes keep theirs.
 */
final class V2Restore {
    /**
     * A deleted mount root the restore recreated so it could be cloned; removed again at cleanup.
     *
     * @param path the root's path in the source
     * @param standIn where it was made instead, beside {@code path} (see {@link V2PopulateTree}),
     *     or null when it was made at {@code path} (in host content)
     */
    record RecreatedRoot(ContentSource source, RawString path, Mount mount, RawString standIn) {
    }

    BuildPlan plan;
    OwnedFds fds;
    /** The extra namespace holding the sources (and sharing helpers): never part of the result. */
    V2WorkArea work;
    final Map<Integer, V2WorkArea> areas = new LinkedHashMap<>();
    /**
     * Fds of assembled mounts that sharing or read-only still act on and that no path reaches
     * (see {@link BuildPlan#isCovered}), by mount id; every other mount is reached again by path.
     */
    final Map<Integer, OwnedFds.Owned> mountFds = new HashMap<>();
    /** The root mount of each assembled namespace, by image namespace id. */
    final Map<Integer, OwnedFds.Owned> roots = new HashMap<>();
    /** Ids of mounts whose root is not a directory, so their mountpoint must be a file. */
    final Set<Integer> fileMounts = ConcurrentHashMap.newKeySet();
    /**
     * Ids of the mounts assemble creates in place on their final mountpoint (see
     * {@link #createdInPlace}); populate-tree leaves them out. Filled by populate-tree.
     */
    final Set<Integer> inPlace = new HashSet<>();
    /**
     * Ids of the mounts cloned from a fresh filesystem's source that assemble clones straight
     * to their final place (a batch at a time on the sources namespace's thread) instead of
     * populate-tree parking them for a move. Filled by populate-tree.
     */
    final Set<Integer> clonedAtAssembly = new HashSet<>();
    /**
     * Ids of fresh mounts made whole by populate-tree whose children's mountpoints assemble makes,
     * as it does below a mount it creates in place. Filled by populate-tree.
     */
    final Set<Integer> mountpointsAtAssembly = new HashSet<>();
    /** Synchronized: assemble's clones (made beside its walk) add to it. */
    final List<RecreatedRoot> recreated = Collections.synchronizedList(new ArrayList<>());
    /** Ids of mounts a path reaches that keep their fd after assembly all the same; see {@link #keepFds}. */
    private final Set<Integer> keptWithinBudget = new HashSet<>();

    /**
     * Whether the source's only mount is the whole of a filesystem this restore creates, so the
     * new mount is made with the member's flags and parked as the member itself: no clone, no
     * plain mountpoint for the source. Not for superblocks to be remounted read-only, which
     * happens on the source's plain mountpoint.
     */
    static boolean isDirect(ContentSource source) {
        Mount only = source.members().get(0);
        return source.isFresh() && source.members().size() == 1 && source.relative(only.root()).isEmpty()
                && !only.deleted() && (source.first().superFlags() & MountFlags.MS_RDONLY) == 0;
    }

    /** The name of the source's plain mountpoint in the work area. */
    static RawString workName(ContentSource source) {
        return RawString.of("src-" + source.index());
    }

    V2WorkArea area(Mount m) {
        return areas.get(plan.namespaceOf(m));
    }

    /** The name of the plain mountpoint a mount waits on in its namespace's work area. */
    static RawString parkedName(Mount m) {
        return RawString.of("m-" + m.id());
    }

    /**
     * Whether {@code m} is a fresh filesystem that is one whole mount of a type mount(2) always
     * makes anew, with a mountpoint of its own in its parent (not its namespace's root, not
     * stacked on its parent's root): nothing is cloned from it, so assemble creates it in place
     * on its final mountpoint instead of populate-tree parking it for a move.
     */
    boolean createdInPlace(Mount m) {
        if (!V2SourceOpener.mountsInPlace(plan.source(m))) {
            return false;
        }
        Mount parent = plan.mount(m.parentId());
        return parent != null && parent != m && plan.roots().get(plan.namespaceOf(m)) != m
                && plan.namespaceOf(parent) == plan.namespaceOf(m)
                && !BuildPlan.mountpointInParent(parent, m).isEmpty();
    }

    /** Whether a stage after assembly acts on the mount. */
    static boolean changedAfterAssembly(Mount m) {
        return m.isShared() || m.isSlave() || m.unbindable() || m.isReadOnly();
    }

    /**
     * Whether the mount keeps its fd from assembly: a later stage needs it and either no path
     * reaches it or the fd budget ({@link #keepFds}) had room for it.
     */
    boolean keptAfterAssembly(Mount m) {
        return changedAfterAssembly(m) && (plan.isCovered(m) || keptWithinBudget.contains(m.id()));
    }

    /**
     * Chooses, once before assembly, which mounts that a later stage changes and a path could
     * reach keep their fd anyway, so that stage does not look them up again (a confined lookup
     * and a close per mount): as many as fit in half of the open-file limit left after the mounts
     * that must keep theirs, the rest reached by path as before. Bounded fds whatever the image.
     */
    void keepFds(long openFileLimit) {
        long budget = openFileLimit / 2;
        for (Mount m : plan.allMounts()) {
            if (changedAfterAssembly(m) && plan.isCovered(m)) {
                budget--;
            }
        }
        for (Mount m : plan.allMounts()) {
            if (budget <= 0) {
                break;
            }
            if (changedAfterAssembly(m) && !plan.isCovered(m)) {
                keptWithinBudget.add(m.id());
                budget--;
            }
        }
    }

    /**
     * An fd on the assembled mount {@code m}: its kept fd, lent, or one opened by its path below its
     * namespace's root; run on that namespace's thread; the caller closes it.
     */
    OwnedFds.Owned reach(V2Calls calls, Mount m) {
        OwnedFds.Owned kept = mountFds.get(m.id());
        if (kept != null) {
            return OwnedFds.borrow(kept);
        }
        OwnedFds.Owned root = roots.get(plan.namespaceOf(m));
        RawString rel = m.mountpoint().relativeTo(RawString.SLASH);
        if (rel.isEmpty()) {
            return OwnedFds.borrow(root);
        }
        return fds.own(m, calls.reach(root.fd(), rel));
    }

    /** An O_PATH fd on a source's plain mountpoint; run on the work area's thread; the caller closes it. */
    OwnedFds.Owned openSource(V2Calls calls, ContentSource source) {
        return fds.own("source " + source.describe(), calls.openParked(work.dir().fd(), V2Restore.workName(source)));
    }
}
