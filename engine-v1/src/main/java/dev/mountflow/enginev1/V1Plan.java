package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.ContentSource;
import dev.mountflow.model.Mount;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What v1 does for one image, decided in {@code validate}: the steps of populate-tree in order,
 * and the marks each mount gets after that (its peer group when it is a group of its own, its
 * unbindable mark, read-only), which wait until inheritance is done with it.
 *
 * @param tree the image indexed
 * @param steps populate-tree's steps, in order
 * @param wholeSources the fresh superblocks mounted whole in the yard for binds to come from
 * @param lateShared the mounts made shared after populate-tree: each its peer group's only member, without slaves
 * @param uses how many times populate-tree takes each image mount's fd after creating it (as a
 *     parent, or as a bind source), by mount id
 * @param unstack the covered unbindable mounts, by id, with the number of mounts stacked on each
 *     (assemble moves them off it for a moment to mark it)
 */
record V1Plan(BuildPlan tree, List<V1Step> steps, Set<ContentSource> wholeSources, Set<Integer> lateShared,
              Map<Integer, Integer> uses, Map<Integer, Integer> unstack) {

    /**
     * Whether {@code m} gets a mark after populate-tree that namespace copies keep: a peer group of
     * its own, read-only. (They drop unbindable marks.)
     */
    boolean markedLate(Mount m) {
        return lateShared.contains(m.id()) || m.isReadOnly();
    }

    /**
     * Whether populate-tree keeps the work namespace's fd of {@code m} for later stages: a namespace
     * root (assemble pivots into it), or a mount no path reaches after the split with a late mark
     * (assemble sets it before the split, and the split copies it).
     */
    boolean keptAfterPopulate(Mount m) {
        return tree.roots().get(tree.namespaceOf(m)) == m || tree.isCovered(m) && markedLate(m);
    }
}
