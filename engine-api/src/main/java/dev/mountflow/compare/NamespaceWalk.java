package dev.mountflow.compare;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountNamespace;
import java.util.Arrays;
import java.util.List;

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
    private final MountLabel[] labels;

    private NamespaceWalk(int size) {
        labels = new MountLabel[size];
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
            walk.labels[c] = children.labels[i];
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

    MountLabel label(int index) {
        return labels[index];
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
    private record Children(int[] order, int[] firstChild, MountLabel[] labels) {
        static Children of(List<Mount> image) {
            int n = image.size();
            int[] parentOf = parentsInImage(image);
            MountLabel[] labels = new MountLabel[n];
            for (int i = 0; i < n; i++) {
                labels[i] = MountLabel.of(image.get(i));
            }
            // A counting sort by parent keeps image order among siblings; each run of
            // siblings is then sorted (stably) by label, so full label ties keep image order,
            // which renumbering does not change.
            int[] firstChild = new int[n + 3];
            for (int i = 0; i < n; i++) {
                firstChild[parentOf[i] + 3]++;
            }
            for (int s = 1; s < firstChild.length; s++) {
                firstChild[s] += firstChild[s - 1];
            }
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[firstChild[parentOf[i] + 2]++] = i;
            }
            // Placing moved each run's start, firstChild[p + 2], to its end, which is where the
            // next run starts: now the children of p are order[firstChild[p + 1] .. firstChild[p + 2]).
            for (int q = 0; q <= n; q++) {
                sortSiblings(order, firstChild[q], firstChild[q + 1], labels);
            }
            return new Children(order, firstChild, labels);
        }

        private static void sortSiblings(int[] order, int from, int to, MountLabel[] labels) {
            boolean sorted = true;
            for (int k = from + 1; k < to && sorted; k++) {
                sorted = MountLabel.ORDER.compare(labels[order[k - 1]], labels[order[k]]) <= 0;
            }
            if (sorted) {
                return;
            }
            Integer[] run = new Integer[to - from];
            for (int k = from; k < to; k++) {
                run[k - from] = order[k];
            }
            Arrays.sort(run, (a, b) -> MountLabel.ORDER.compare(labels[a], labels[b]));
            for (int k = from; k < to; k++) {
                order[k] = run[k - from];
            }
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
            IntIntMap firstById = new IntIntMap(n);
            for (int i = 0; i < n; i++) {
                firstById.putIfAbsent(image.get(i).id(), i);
            }
            int[] parentOf = new int[n];
            for (int i = 0; i < n; i++) {
                Mount mount = image.get(i);
                parentOf[i] = mount.parentId() == mount.id() ? ROOT : firstById.get(mount.parentId(), ROOT);
            }
            return parentOf;
        }
    }
}
