package dev.mountflow.build;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The image indexed for an engine's stages: mounts by id, their namespace, children in assembly
 * order, the mounts no path reaches once their namespace is assembled, and the source each mount's
 * content comes from. Built once by {@link BuildPlanner}, in linear time (plus the sort of each
 * mount's children).
 */
public final class BuildPlan {
    /**
     * Siblings in the order they can be attached: one whose mountpoint lies below another's
     * first, since the upper one would hide the path (RawString order puts a prefix before its
     * extensions, so descending order does it); a mount stacked on its parent's mountpoint last.
     */
    public static final Comparator<Mount> ASSEMBLY_ORDER = Comparator.comparing(Mount::mountpoint).reversed();

    private final Map<Integer, Mount> byId = new HashMap<>();
    private final Map<Integer, Integer> namespaceOf = new HashMap<>();
    private final Map<Integer, Mount> rootOf = new LinkedHashMap<>();
    private final Map<Integer, List<Mount>> children = new HashMap<>();
    private final Map<Integer, ContentSource> sourceOf = new HashMap<>();
    private final List<ContentSource> sources = new ArrayList<>();
    private final Set<Integer> covered = new HashSet<>();

    void add(MountNamespace ns, Mount root) {
        rootOf.put(ns.id(), root);
        for (Mount m : ns.mounts()) {
            byId.put(m.id(), m);
            namespaceOf.put(m.id(), ns.id());
        }
        for (Mount m : ns.mounts()) {
            if (m != root) {
                children.computeIfAbsent(m.parentId(), k -> new ArrayList<>()).add(m);
            }
        }
    }

    void sortChildren() {
        children.values().forEach(list -> list.sort(ASSEMBLY_ORDER));
    }

    /**
     * Finds the mounts a path lookup cannot reach once their namespace is assembled: those on whose
     * mountpoint, or on a directory above it, a mount is attached later in {@link #depthFirst}
     * order (an overmount, or a mount stacked on top). One backwards walk per namespace, looking
     * each mountpoint's ancestor paths up among the mountpoints attached after it.
     */
    void findCovered() {
        for (int nsId : rootOf.keySet()) {
            List<Mount> order = depthFirst(nsId);
            MountpointSet later = new MountpointSet();
            for (int i = order.size() - 1; i >= 0; i--) {
                Mount m = order.get(i);
                if (!later.isEmpty() && later.holdsPathOrAncestor(m.mountpoint())) {
                    covered.add(m.id());
                }
                later.add(m.mountpoint());
            }
        }
    }

    /** Whether a path lookup in the assembled namespace lands on another mount than {@code m}. */
    public boolean isCovered(Mount m) {
        return covered.contains(m.id());
    }

    void assign(Mount m, ContentSource source) {
        sourceOf.put(m.id(), source);
        source.members().add(m);
    }

    void addSource(ContentSource source) {
        sources.add(source);
    }

    public Mount mount(int id) {
        return byId.get(id);
    }

    public int namespaceOf(Mount m) {
        return namespaceOf.get(m.id());
    }

    /** Image namespace id to its root mount, in image order. */
    public Map<Integer, Mount> roots() {
        return rootOf;
    }

    public List<Mount> children(Mount m) {
        return children.getOrDefault(m.id(), List.of());
    }

    public ContentSource source(Mount m) {
        return sourceOf.get(m.id());
    }

    public List<ContentSource> sources() {
        return sources;
    }

    public Iterable<Mount> allMounts() {
        return byId.values();
    }

    /** The namespace's mounts, parents before children, siblings in {@link #ASSEMBLY_ORDER}. */
    public List<Mount> depthFirst(int namespaceId) {
        List<Mount> out = new ArrayList<>();
        Deque<Mount> stack = new ArrayDeque<>();
        stack.push(rootOf.get(namespaceId));
        while (!stack.isEmpty()) {
            Mount m = stack.pop();
            out.add(m);
            List<Mount> kids = children(m);
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(kids.get(i));
            }
        }
        return out;
    }

    /** Where {@code child}'s mountpoint lies in its parent's content, relative to the parent's root. */
    public static RawString mountpointInParent(Mount parent, Mount child) {
        return child.mountpoint().relativeTo(parent.mountpoint());
    }

    /** Where {@code child}'s mountpoint lies below the root of the parent's source. */
    public RawString mountpointInSource(Mount parent, Mount child) {
        return join(source(parent).relative(parent.root()), mountpointInParent(parent, child));
    }

    public static RawString join(RawString dir, RawString rel) {
        if (dir.isEmpty()) {
            return rel;
        }
        return rel.isEmpty() ? dir : dir.concat(RawString.SLASH).concat(rel);
    }

    /** {@code namespace 2, mount 31 '/a/b'}: the image entry an error is about. */
    public String label(Mount m) {
        return "namespace " + namespaceOf(m) + ", " + m.label();
    }
}
