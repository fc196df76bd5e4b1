package dev.mountflow.build;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer groups of an image in an order masters-first, and for each the mount its sharing is
 * built on (its anchor). MOVE_MOUNT_SET_GROUP copies a group only to a mount whose root lies
 * within the source mount's root (the kernel's {@code is_subdir} check in {@code do_set_group}),
 * and a bind of a path beneath a mount joins the mount's group, so either way the anchor's root must
 * contain the roots of its members, of its pure slaves and of its slave groups' anchors: the member
 * with the widest root when it does, otherwise (null) a helper mount of the source's root. Linear
 * in mounts plus groups.
 */
public final class SharingGroups {
    /** A peer group of the image: {@code anchor} is null when a helper clone stands in. */
    public static final class Group {
        public final int id;
        public final List<Mount> members = new ArrayList<>();
        public final List<Mount> pureSlaves = new ArrayList<>();
        public final List<Group> slaveGroups = new ArrayList<>();
        public int masterId;
        public Mount anchor;

        Group(int id) {
            this.id = id;
        }

        public RawString anchorRoot(BuildPlan plan) {
            return anchor != null ? anchor.root() : plan.source(members.get(0)).base();
        }
    }

    private final Map<Integer, Group> groups = new LinkedHashMap<>();
    private final List<Group> mastersFirst = new ArrayList<>();

    public SharingGroups(BuildPlan plan, Iterable<Mount> mounts) {
        for (Mount m : mounts) {
            if (m.isShared()) {
                Group g = group(m.sharedId());
                g.members.add(m);
                g.masterId = m.masterId();
            }
        }
        for (Mount m : mounts) {
            if (m.isSlave() && !m.isShared()) {
                masterOf(m.masterId(), m).pureSlaves.add(m);
            }
        }
        List<Group> roots = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.masterId == 0) {
                roots.add(g);
            } else {
                masterOf(g.masterId, g.members.get(0)).slaveGroups.add(g);
            }
        }
        Deque<Group> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            Group g = queue.poll();
            mastersFirst.add(g);
            queue.addAll(g.slaveGroups);
        }
        if (mastersFirst.size() != groups.size()) {
            throw new IllegalStateException("the master relation of the image's peer groups has a cycle;"
                    + " validation should have refused it");
        }
        for (int i = mastersFirst.size() - 1; i >= 0; i--) {
            chooseAnchor(plan, mastersFirst.get(i));
        }
    }

    public List<Group> mastersFirst() {
        return mastersFirst;
    }

    Group group(int id) {
        return groups.computeIfAbsent(id, Group::new);
    }

    private Group masterOf(int masterId, Mount m) {
        Group g = groups.get(masterId);
        if (g == null) {
            throw new IllegalStateException(m.label() + ": master peer group " + masterId
                    + " has no member in the image; dump should have refused it");
        }
        return g;
    }

    private static void chooseAnchor(BuildPlan plan, Group g) {
        Mount widest = g.members.get(0);
        for (Mount m : g.members) {
            int shorter = Integer.compare(m.root().length(), widest.root().length());
            if (shorter < 0 || shorter == 0 && widest.deleted() && !m.deleted()) {
                widest = m;
            }
        }
        boolean covers = true;
        for (Mount m : g.members) {
            covers &= holds(plan, widest, m);
        }
        for (Mount m : g.pureSlaves) {
            covers &= holds(plan, widest, m);
        }
        for (Group slave : g.slaveGroups) {
            covers &= slave.anchor != null ? holds(plan, widest, slave.anchor)
                    : !widest.deleted() && slave.anchorRoot(plan).isPathUnder(widest.root());
        }
        g.anchor = covers ? widest : null;
    }

    /**
     * Whether {@code m}'s root dentry lies within {@code anchor}'s as the restore makes them. In a
     * filesystem the restore creates, a deleted root is a dentry of its own beside its path
     * (v2 makes it under a stand-in name): it holds nothing else, and only a root strictly above
     * its path holds it.
     */
    private static boolean holds(BuildPlan plan, Mount anchor, Mount m) {
        if (anchor == m) {
            return true;
        }
        boolean under = m.root().isPathUnder(anchor.root());
        if (!plan.source(m).isFresh()) {
            return under;
        }
        if (anchor.deleted()) {
            return false;
        }
        return m.deleted() ? under && !m.root().equals(anchor.root()) : under;
    }
}
