package dev.mountflow.enginev2;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the stages of one v2 restore hand to each other: the plan, the namespace threads and
 * work areas, the fds of mounts later stages act on, the deleted roots recreated for cloning.
 * Every resource in here is also on the context's rollback stack. Mounts and sources wait on
 * plain mountpoints rather than as fds, so the restore holds a bounded number of fds whatever
 * the image's size: only mounts a stage after assembly changes keep theirs.
 */
final class V2Restore {
    /** A deleted mount root the restore recreated so it could be cloned; removed again at cleanup. */
    record RecreatedRoot(V2Source source, RawString path, Mount mount) {
    }

    V2Plan plan;
    V2Fds fds;
    /** The extra namespace holding the sources (and sharing helpers): never part of the result. */
    V2WorkArea work;
    final Map<Integer, V2WorkArea> areas = new LinkedHashMap<>();
    /**
     * Fds of assembled mounts that sharing or read-only still act on and that no path reaches
     * (see {@link V2Plan#isCovered}), by mount id; every other mount is reached again by path.
     */
    final Map<Integer, V2Fds.Owned> mountFds = new HashMap<>();
    /** The root mount of each assembled namespace, by image namespace id. */
    final Map<Integer, V2Fds.Owned> roots = new HashMap<>();
    /** Ids of mounts whose root is not a directory, so their mountpoint must be a file. */
    final Set<Integer> fileMounts = new HashSet<>();
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
    final List<RecreatedRoot> recreated = new ArrayList<>();
    /** Ids of mounts a path reaches that keep their fd after assembly all the same; see {@link #keepFds}. */
    private final Set<Integer> keptWithinBudget = new HashSet<>();

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
                && !V2Plan.mountpointInParent(parent, m).isEmpty();
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
    V2Fds.Owned reach(V2Calls calls, Mount m) {
        V2Fds.Owned kept = mountFds.get(m.id());
        if (kept != null) {
            return V2Fds.borrow(kept);
        }
        V2Fds.Owned root = roots.get(plan.namespaceOf(m));
        RawString rel = m.mountpoint().relativeTo(RawString.SLASH);
        if (rel.isEmpty()) {
            return V2Fds.borrow(root);
        }
        return fds.own(m.label(), calls.reach(root.fd(), rel));
    }

    /** An O_PATH fd on a source's plain mountpoint; run on the work area's thread; the caller closes it. */
    V2Fds.Owned openSource(V2Calls calls, V2Source source) {
        return fds.own("source " + source.describe(), calls.openParked(work.dir().fd(), source.workName()));
    }
}
