package dev.mountflow.compare;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountNamespace;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One namespace's mounts in canonical order, with parents, subtree sizes and paths; the numbers
 * (devices, groups) are still the image's own.
 */
final class NamespaceWalk {
    private static final int ROOT = -1;

    private final Mount[] mounts;
    private final int[] parents;
    private final int[] descendants;
    private final MountPath[] paths;

    private NamespaceWalk(int size) {
        mounts = new Mount[size];
        parents = new int[size];
        descendants = new int[size];
        paths = new MountPath[size];
    }

    /**
     * Walks {@code ns} depth first without recursion.
     *
     * @param position the namespace's 1-based position, for the message of a parent cycle
     */
    static NamespaceWalk of(int position, MountNamespace ns) {
        List<Mount> image = ns.mounts();
        int n = image.size();
        Children children = Children.of(image);
        NamespaceWalk walk = new NamespaceWalk(n);
        int[] stack = new int[n];
        int[] parentSlot = new int[n];
        int top = children.push(ROOT, ROOT, stack, 0, parentSlot);
        boolean[] reached = new boolean[n];
        int next = 0;
        while (top > 0) {
            int i = stack[--top];
            reached[i] = true;
            int c = next++;
            int parent = parentSlot[i];
            Mount mount = image.get(i);
            walk.mounts[c] = mount;
            walk.parents[c] = parent;
            walk.paths[c] = parent == ROOT
                    ? MountPath.of(mount.mountpoint())
                    : walk.paths[parent].child(mount.mountpoint());
            top = children.push(i, c, stack, top, parentSlot);
        }
        if (next < n) {
            throw unreachable(position, image, reached);
        }
        for (int c = n - 1; c >= 0; c--) {
            if (walk.parents[c] != ROOT) {
                walk.descendants[walk.parents[c]] += walk.descendants[c] + 1;
            }
        }
        return walk;
    }

    int size() {
        return mounts.length;
    }

    Mount mount(int index) {
        return mounts[index];
    }

    int parent(int index) {
        return parents[index];
    }

    int descendants(int index) {
        return descendants[index];
    }

    MountPath path(int index) {
        return paths[index];
    }

    private static IllegalArgumentException unreachable(int position, List<Mount> image, boolean[] reached) {
        int lost = 0;
        while (reached[lost]) {
            lost++;
        }
        return new IllegalArgumentException("namespace " + position + ", " + image.get(lost).label()
                + ": not reachable from a root mount, its parents form a cycle");
    }

    /** Each mount's children in sibling order, found by image index without searching. */
    private record Children(Integer[] order, int[] firstChild) {
        static Children of(List<Mount> image) {
            int n = image.size();
            int[] parentOf = parentsInImage(image);
            MountLabel[] labels = new MountLabel[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                labels[i] = MountLabel.of(image.get(i));
                order[i] = i;
            }
            // One stable sort groups siblings together and orders them; full label ties keep image
            // order, which renumbering does not change.
            Arrays.sort(order, Comparator.<Integer>comparingInt(i -> parentOf[i])
                    .thenComparing(i -> labels[i], MountLabel.ORDER));
            // Children of image mount p are order[firstChild[p + 1] .. firstChild[p + 2]); slot 0
            // belongs to the roots (p = ROOT), so the virtual root needs no special case.
            int[] firstChild = new int[n + 2];
            for (int i = 0; i < n; i++) {
                firstChild[parentOf[i] + 2]++;
            }
            for (int s = 1; s < firstChild.length; s++) {
                firstChild[s] += firstChild[s - 1];
            }
            return new Children(order, firstChild);
        }

        /** Pushes the children of image mount {@code i} so that the first in order is popped first. */
        int push(int i, int canonicalParent, int[] stack, int top, int[] parentSlot) {
            for (int k = firstChild[i + 2] - 1; k >= firstChild[i + 1]; k--) {
                int child = order[k];
                parentSlot[child] = canonicalParent;
                stack[top++] = child;
            }
            return top;
        }

        /** Image index of each mount's parent, or {@link #ROOT}: parent outside the namespace or itself. */
        private static int[] parentsInImage(List<Mount> image) {
            int n = image.size();
            // The first mount with an id stands for it, as in validation: a duplicate is nobody's parent.
            Map<Integer, Integer> firstById = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                firstById.putIfAbsent(image.get(i).id(), i);
            }
            int[] parentOf = new int[n];
            for (int i = 0; i < n; i++) {
                Mount mount = image.get(i);
                Integer parent = mount.parentId() == mount.id() ? null : firstById.get(mount.parentId());
                parentOf[i] = parent == null ? ROOT : parent;
            }
            return parentOf;
        }
    }
}
