package dev.mountflow.propertytests;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a built recipe's layout holds of the shapes the issue asks generated recipes to reach, each
 * counted in its dumped image: the acceptance bar is that a thousand recipes reach every one.
 *
 * @param counts each feature's number of instances in the layout, in {@link #FEATURES} order
 */
record RecipeFeatures(Map<String, Integer> counts) {
    static final String WIDE_PEER_GROUPS = "peer groups of 4+ members with different roots";
    static final String SLAVES_OF_SLAVES = "slaves of slaves";
    static final String SHARED_SLAVES = "shared+slave mounts";
    static final String PROPAGATED = "mounts propagated during construction";
    static final String STACKED = "stacked mounts on one mountpoint";
    static final String FILE_BINDS = "file binds";
    static final String NESTED_SHARING = "nested namespaces sharing a peer group with their parent";
    /** The features the issue requires, in the order the statistics print them. */
    static final List<String> FEATURES = List.of(WIDE_PEER_GROUPS, SLAVES_OF_SLAVES, SHARED_SLAVES, PROPAGATED,
            STACKED, FILE_BINDS, NESTED_SHARING);

    static final String NAMESPACES = "namespaces";
    static final String PIVOTED = "nested namespaces pivoted into another root";
    static final String MOUNTS = "mounts";
    static final String DELETED = "mounts of deleted sources";
    static final String UNBINDABLE = "unbindable mounts";
    static final String READ_ONLY_SUPERBLOCKS = "mounts of read-only superblocks";
    static final String CROSS_NAMESPACE_GROUPS = "peer groups spanning namespaces";
    /** Further shapes, printed for a picture of what the recipes build. */
    static final List<String> OTHERS = List.of(NAMESPACES, PIVOTED, MOUNTS, DELETED, UNBINDABLE,
            READ_ONLY_SUPERBLOCKS, CROSS_NAMESPACE_GROUPS);

    /** The features of {@code build}'s layout, dumped as {@code image} (its namespaces in the build's order). */
    static RecipeFeatures of(RecipeBuild build, MountImage image) {
        Map<Integer, List<Mount>> groups = new HashMap<>();
        Map<Integer, Set<Integer>> groupNamespaces = new HashMap<>();
        List<Set<Integer>> groupsByNamespace = new ArrayList<>();
        for (int i = 0; i < image.namespaces().size(); i++) {
            Set<Integer> inNamespace = new HashSet<>();
            for (Mount m : image.namespaces().get(i).mounts()) {
                if (m.isShared()) {
                    groups.computeIfAbsent(m.sharedId(), g -> new ArrayList<>()).add(m);
                    groupNamespaces.computeIfAbsent(m.sharedId(), g -> new HashSet<>()).add(i);
                    inNamespace.add(m.sharedId());
                }
            }
            groupsByNamespace.add(inNamespace);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        FEATURES.forEach(f -> counts.put(f, 0));
        OTHERS.forEach(f -> counts.put(f, 0));
        for (List<Mount> members : groups.values()) {
            if (members.size() >= 4 && members.stream().map(Mount::root).distinct().count() > 1) {
                counts.merge(WIDE_PEER_GROUPS, 1, Integer::sum);
            }
        }
        for (Set<Integer> namespaces : groupNamespaces.values()) {
            if (namespaces.size() > 1) {
                counts.merge(CROSS_NAMESPACE_GROUPS, 1, Integer::sum);
            }
        }
        counts.put(NAMESPACES, image.namespaces().size());
        for (MountNamespace ns : image.namespaces()) {
            Map<Integer, Mount> byId = new HashMap<>();
            ns.mounts().forEach(m -> byId.put(m.id(), m));
            for (Mount m : ns.mounts()) {
                counts.merge(MOUNTS, 1, Integer::sum);
                count(counts, SHARED_SLAVES, m.isShared() && m.isSlave());
                count(counts, SLAVES_OF_SLAVES, m.isSlave() && groups.getOrDefault(m.masterId(), List.of()).stream()
                        .anyMatch(Mount::isSlave));
                count(counts, PROPAGATED, build.propagated().contains(m.id()));
                Mount parent = byId.get(m.parentId());
                count(counts, STACKED, parent != null && parent.mountpoint().equals(m.mountpoint()));
                count(counts, FILE_BINDS, LiveTable.isFile(m));
                count(counts, DELETED, m.deleted());
                count(counts, UNBINDABLE, m.unbindable());
                count(counts, READ_ONLY_SUPERBLOCKS, (m.superFlags() & MountFlags.MS_RDONLY) != 0);
            }
        }
        List<RecipeBuild.Namespace> namespaces = build.namespaces();
        for (int i = 1; i < namespaces.size() && i < groupsByNamespace.size(); i++) {
            Set<Integer> shared = new HashSet<>(groupsByNamespace.get(i));
            shared.retainAll(groupsByNamespace.get(namespaces.get(i).parent()));
            count(counts, NESTED_SHARING, !shared.isEmpty());
        }
        counts.put(PIVOTED, (int) build.applied().stream()
                .filter(op -> op.op().kind() == Op.Kind.PIVOT && op.ns() > 0).map(AppliedOp::ns).distinct().count());
        return new RecipeFeatures(counts);
    }

    private static void count(Map<String, Integer> counts, String feature, boolean present) {
        if (present) {
            counts.merge(feature, 1, Integer::sum);
        }
    }

    int count(String feature) {
        return counts.getOrDefault(feature, 0);
    }
}
