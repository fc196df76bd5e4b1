package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.SharingGroups;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The propagation classes of an image and the "before" constraints they and the tree impose on
 * v1's creation order. When a mount is made on a member of a peer group that others share during
 * the build, the kernel copies it onto every other member that sees its mountpoint; v1 takes the
 * image's mount at such a place, when it has the same superblock and root, as that copy (one
 * class, created by one mount(2) call), and otherwise requires the member to be created after the
 * mount. Slaves always come after every mount their masters would copy onto them, so they
 * receive none; their own mounts are made explicitly. Linear in mounts, times the members of a
 * group for its members' children.
 */
final class V1Classes {
    /** A child by its parent and its mountpoint below the parent's. */
    private record Place(int parent, RawString rel) {
    }

    private final BuildPlan plan;
    private final List<Mount> order;
    private final Map<Integer, Integer> position;
    private final int[] union;
    private final List<V1Edge> edges = new ArrayList<>();

    /**
     * @param order every mount of the image, namespaces in image order, each depth-first
     * @param early the peer groups that are shared during the build (see {@link V1Planner})
     */
    V1Classes(BuildPlan plan, List<Mount> order, SharingGroups sharing, Set<Integer> early) {
        this.plan = plan;
        this.order = order;
        this.position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i).id(), i);
        }
        this.union = new int[order.size()];
        for (int i = 0; i < union.length; i++) {
            union[i] = i;
        }
        Map<Place, Mount> childAt = new HashMap<>();
        for (Mount m : order) {
            Mount parent = parent(m);
            if (parent != null) {
                childAt.putIfAbsent(new Place(parent.id(), BuildPlan.mountpointInParent(parent, m)), m);
                edges.add(new V1Edge(parent, m, V1Edge.Why.HOLDS));
            }
        }
        hiddenMountpoints();
        for (SharingGroups.Group g : sharing.mastersFirst()) {
            if (early.contains(g.id)) {
                propagation(g, slavesOf(g), childAt);
            }
        }
    }

    /** The parent of {@code m} in its namespace, null for a namespace's root. */
    Mount parent(Mount m) {
        Mount parent = plan.mount(m.parentId());
        return parent == null || parent == m || plan.roots().get(plan.namespaceOf(m)) == m ? null : parent;
    }

    /** Index of {@code m} in the depth-first order. */
    int position(Mount m) {
        return position.get(m.id());
    }

    List<Mount> order() {
        return order;
    }

    /** The class of the mount at {@code position}, as the position of its representative. */
    int classOf(int position) {
        int root = position;
        while (union[root] != root) {
            root = union[root];
        }
        int at = position;
        while (union[at] != root) {
            int next = union[at];
            union[at] = root;
            at = next;
        }
        return root;
    }

    int classOf(Mount m) {
        return classOf(position(m));
    }

    /** The constraints found in the image: parents, hidden mountpoints, propagation. */
    List<V1Edge> edges() {
        return edges;
    }

    /**
     * A sibling whose mountpoint lies at or above another's hides that one's mountpoint once
     * mounted, so the hidden one goes first: each child waits for the nearest such sibling only,
     * the rest follows. A mount stacked on its parent's root hides all its siblings. A mount stacked
     * on another waits like the bottom of its stack, whose place is where it is made.
     */
    private void hiddenMountpoints() {
        Map<Integer, Map<RawString, Mount>> byMountpoint = new HashMap<>();
        for (Mount m : order) {
            Mount parent = parent(m);
            if (parent != null) {
                byMountpoint.computeIfAbsent(parent.id(), k -> new HashMap<>()).putIfAbsent(m.mountpoint(), m);
            }
        }
        for (Mount m : order) {
            // A mount stacked on another is made through the path to the bottom of its stack,
            // which the bottom's siblings hide as they hide the bottom.
            Mount parent = V1Locations.holder(plan, m);
            if (parent == null) {
                continue;
            }
            Map<RawString, Mount> siblings = byMountpoint.get(parent.id());
            RawString path = m.mountpoint();
            int floor = parent.mountpoint().length();
            for (int i = path.length() - 1; i >= floor; i--) {
                boolean boundary = path.byteAt(i) == '/' || i == floor;
                if (!boundary) {
                    continue;
                }
                RawString above = i == 0 ? RawString.SLASH : path.substring(0, i);
                Mount hider = siblings.get(above);
                if (hider != null && hider != m) {
                    edges.add(new V1Edge(m, hider, V1Edge.Why.HIDDEN_BY));
                    break;
                }
            }
        }
    }

    /**
     * For each child of each member of {@code g}: a copy at the same place in every other member
     * that sees its mountpoint joins its class, a member without one comes after it, and so does
     * every slave that sees it.
     */
    private void propagation(SharingGroups.Group g, List<Mount> slaves, Map<Place, Mount> childAt) {
        for (Mount p : g.members) {
            for (Mount c : plan.children(p)) {
                RawString dentry = p.root().resolve(BuildPlan.mountpointInParent(p, c));
                for (Mount q : g.members) {
                    if (q == p || !dentry.isPathUnder(q.root())) {
                        continue;
                    }
                    Mount copy = childAt.get(new Place(q.id(), dentry.relativeTo(q.root())));
                    if (copy != null && sameContent(c, copy)) {
                        join(c, copy);
                    } else {
                        edges.add(new V1Edge(c, q, V1Edge.Why.PROPAGATES_TO_PEER));
                    }
                }
                for (Mount s : slaves) {
                    if (dentry.isPathUnder(s.root())) {
                        edges.add(new V1Edge(c, s, V1Edge.Why.PROPAGATES_TO_SLAVE));
                    }
                }
            }
        }
    }

    private static boolean sameContent(Mount a, Mount b) {
        return a.device().equals(b.device()) && a.root().equals(b.root()) && a.fstype().equals(b.fstype());
    }

    /** Every mount that receives propagation from a member of {@code g}: its members and {@link #slavesOf slaves}. */
    static List<Mount> receiving(SharingGroups.Group g) {
        List<Mount> out = new ArrayList<>(g.members);
        out.addAll(slavesOf(g));
        return out;
    }

    /** Every mount that receives propagation from {@code g} as a slave: its slaves, their peers, their slaves… */
    private static List<Mount> slavesOf(SharingGroups.Group g) {
        List<Mount> out = new ArrayList<>();
        Deque<SharingGroups.Group> queue = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        queue.add(g);
        while (!queue.isEmpty()) {
            SharingGroups.Group at = queue.poll();
            if (!seen.add(at.id)) {
                continue;
            }
            out.addAll(at.pureSlaves);
            for (SharingGroups.Group slave : at.slaveGroups) {
                out.addAll(slave.members);
                queue.add(slave);
            }
        }
        return out;
    }

    private void join(Mount a, Mount b) {
        int ra = classOf(a);
        int rb = classOf(b);
        if (ra != rb) {
            // The earlier mount represents the class, so its position orders the class.
            union[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
