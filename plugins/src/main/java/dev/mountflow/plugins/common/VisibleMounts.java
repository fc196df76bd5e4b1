package dev.mountflow.plugins.common;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which mount a path lookup from a namespace's root lands on, as the kernel resolves it: from the
 * root mount (the top of what is stacked on {@code /}), component by component, stepping onto a
 * child mounted at that path and then to the top of what is stacked on it. A mount that a lookup
 * of its own mountpoint does not land on is overmounted: no path reaches it. Lookups cost one hash
 * probe per path component.
 */
public final class VisibleMounts {
    private record Key(int parentId, RawString mountpoint) {
    }

    private final Map<Key, Mount> childAt = new HashMap<>();
    private final Mount root;

    public VisibleMounts(MountNamespace ns) {
        Set<Integer> ids = new HashSet<>();
        ns.mounts().forEach(m -> ids.add(m.id()));
        Mount rootMount = null;
        for (Mount m : ns.mounts()) {
            if (m.parentId() == m.id() || !ids.contains(m.parentId())) {
                rootMount = rootMount == null ? m : rootMount;
            } else {
                // Of two mounts on one parent and path, the later one is on top of the earlier.
                childAt.put(new Key(m.parentId(), m.mountpoint()), m);
            }
        }
        this.root = Objects.requireNonNull(rootMount, "namespace " + ns.id() + " has no root mount");
    }

    /** The mount a lookup of the absolute {@code path} lands on. */
    public Mount at(RawString path) {
        Mount current = top(root);
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.byteAt(i) == '/') {
                Mount child = childAt.get(new Key(current.id(), path.substring(0, i)));
                if (child != null) {
                    current = top(child);
                }
            }
        }
        return current;
    }

    /** Whether no path reaches {@code m}: something is mounted over it or over a directory above it. */
    public boolean isCovered(Mount m) {
        return at(m.mountpoint()).id() != m.id();
    }

    /** The mount that hides {@code m}: the one a lookup of its mountpoint lands on. */
    public Mount coveringOf(Mount m) {
        return at(m.mountpoint());
    }

    private Mount top(Mount m) {
        Mount current = m;
        for (Mount above = childAt.get(new Key(current.id(), current.mountpoint())); above != null;
             above = childAt.get(new Key(current.id(), current.mountpoint()))) {
            current = above;
        }
        return current;
    }
}
