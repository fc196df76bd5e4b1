package dev.mountflow.validate;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountNamespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One namespace's mounts with their parents resolved to positions. */
final class NamespaceIndex {
    /** Parent position of a root: its parent is outside the namespace or itself. */
    static final int NO_PARENT = -1;

    private final int position;
    private final MountNamespace namespace;
    private final int[] parents;
    private final List<Integer> roots = new ArrayList<>();

    NamespaceIndex(int position, MountNamespace namespace) {
        this.position = position;
        this.namespace = namespace;
        List<Mount> mounts = namespace.mounts();
        // The first mount with an id stands for it; later duplicates are reported, and can be
        // nobody's parent, so the tree stays well defined.
        Map<Integer, Integer> firstById = new HashMap<>(mounts.size() * 2);
        for (int i = 0; i < mounts.size(); i++) {
            firstById.putIfAbsent(mounts.get(i).id(), i);
        }
        parents = new int[mounts.size()];
        for (int i = 0; i < mounts.size(); i++) {
            Mount mount = mounts.get(i);
            Integer parent = mount.parentId() == mount.id() ? null : firstById.get(mount.parentId());
            parents[i] = parent == null ? NO_PARENT : parent;
            if (parent == null) {
                roots.add(i);
            }
        }
    }

    int position() {
        return position;
    }

    int id() {
        return namespace.id();
    }

    int size() {
        return parents.length;
    }

    Mount mount(int index) {
        return namespace.mounts().get(index);
    }

    MountRef ref(int index) {
        return new MountRef(position, index);
    }

    /** The parent's position, or {@link #NO_PARENT} for a root. */
    int parent(int index) {
        return parents[index];
    }

    /** Positions of the mounts whose parent is outside the namespace or themselves, in order. */
    List<Integer> roots() {
        return roots;
    }
}
