package dev.mountflow.enginev2;

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
import java.util.TreeMap;

/**
 * The image indexed for the v2 stages: mounts by id, their namespace, children in assembly
 * order, and the source each mount is cloned from. Built once, in linear time (plus the sort of
 * each mount's children).
 */
final class V2Plan {
    /**
     * Siblings in the order they can be attached: one whose mountpoint lies below another's
     * first, since the upper one would hide the path (RawString order puts a prefix before its
     * extensions, so descending order does it); a mount stacked on its parent's mountpoint last.
     */
    static final Comparator<Mount> ASSEMBLY_ORDER = Comparator.comparing(Mount::mountpoint).reversed();

    private final Map<Integer, Mount> byId = new HashMap<>();
    private final Map<Integer, Integer> namespaceOf = new HashMap<>();
    private final Map<Integer, Mount> rootOf = new LinkedHashMap<>();
    private final Map<Integer, List<Mount>> children = new HashMap<>();
    private final Map<Integer, V2Source> sourceOf = new HashMap<>();
    private final List<V2Source> sources = new ArrayList<>();
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
     * order (an overmount, or a mount stacked on top). One walk per namespace over a sorted map of
     * the paths still reachable; each mount enters and leaves it once.
     */
    void findCovered() {
        for (int nsId : rootOf.keySet()) {
            TreeMap<RawString, Integer> reachable = new TreeMap<>();
            for (Mount m : depthFirst(nsId)) {
                RawString path = m.mountpoint();
                Integer same = reachable.remove(path);
                if (same != null) {
                    covered.add(same);
                }
                RawString dir = path.equals(RawString.SLASH) ? path : path.concat(RawString.SLASH);
                // Paths below dir are exactly those from dir up to dir with its final '/' as '0'.
                RawString end = dir.substring(0, dir.length() - 1).concat(RawString.of("0"));
                Map<RawString, Integer> below = reachable.subMap(dir, true, end, false);
                covered.addAll(below.values());
                below.clear();
                reachable.put(path, m.id());
            }
        }
    }

    /** Whether a path lookup in the assembled namespace lands on another mount than {@code m}. */
    boolean isCovered(Mount m) {
        return covered.contains(m.id());
    }

    void assign(Mount m, V2Source source) {
        sourceOf.put(m.id(), source);
        source.members().add(m);
    }

    void addSource(V2Source source) {
        sources.add(source);
    }

    Mount mount(int id) {
        return byId.get(id);
    }

    int namespaceOf(Mount m) {
        return namespaceOf.get(m.id());
    }

    /** Image namespace id to its root mount, in image order. */
    Map<Integer, Mount> roots() {
        return rootOf;
    }

    List<Mount> children(Mount m) {
        return children.getOrDefault(m.id(), List.of());
    }

    V2Source source(Mount m) {
        return sourceOf.get(m.id());
    }

    List<V2Source> sources() {
        return sources;
    }

    Iterable<Mount> allMounts() {
        return byId.values();
    }

    /** The namespace's mounts, parents before children, siblings in {@link #ASSEMBLY_ORDER}. */
    List<Mount> depthFirst(int namespaceId) {
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
    static RawString mountpointInParent(Mount parent, Mount child) {
        return child.mountpoint().relativeTo(parent.mountpoint());
    }

    /** Where {@code child}'s mountpoint lies below the root of the parent's source. */
    RawString mountpointInSource(Mount parent, Mount child) {
        return join(source(parent).relative(parent.root()), mountpointInParent(parent, child));
    }

    static RawString join(RawString dir, RawString rel) {
        if (dir.isEmpty()) {
            return rel;
        }
        return rel.isEmpty() ? dir : dir.concat(RawString.SLASH).concat(rel);
    }

    /** {@code namespace 2, mount 31 '/a/b'}: the image entry an error is about. */
    String label(Mount m) {
        return "namespace " + namespaceOf(m) + ", " + m.label();
    }
}
