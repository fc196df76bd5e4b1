package dev.mountflow.bench;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MoveMountFlags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets the self-test restorer's peer groups and masters on mounts that are all private, as the v2
 * design does: per group, the member with the widest root takes its master's group with
 * MOVE_MOUNT_SET_GROUP and becomes a slave, then gets a new group; every other member copies that
 * with MOVE_MOUNT_SET_GROUP. Groups go masters first. Runs in the mounts' own namespace, where
 * Linux 6.16 and later require propagation changes to be made.
 */
final class SharingGroups {
    private static final int SET_GROUP = MoveMountFlags.MOVE_MOUNT_SET_GROUP
            | MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH | MoveMountFlags.MOVE_MOUNT_T_EMPTY_PATH;

    private final Kernel kernel;
    private final DetachedTree tree;
    private final Map<Integer, List<Mount>> groups = new LinkedHashMap<>();
    private final Map<Integer, Mount> leaders = new HashMap<>();

    SharingGroups(Kernel kernel, DetachedTree tree) {
        this.kernel = kernel;
        this.tree = tree;
    }

    void restore(MountNamespace ns) {
        List<Mount> privateSlaves = new ArrayList<>();
        for (Mount m : ns.mounts()) {
            if (m.isShared()) {
                groups.computeIfAbsent(m.sharedId(), k -> new ArrayList<>()).add(m);
            } else if (m.isSlave()) {
                privateSlaves.add(m);
            }
        }
        for (int group : groups.keySet()) {
            leader(group);
        }
        for (Mount slave : privateSlaves) {
            enslave(slave);
        }
        for (Mount m : ns.mounts()) {
            if (m.unbindable()) {
                propagation(m, MountFlags.MS_UNBINDABLE);
            }
        }
    }

    /**
     * The group's widest member, its group and master set and every peer joined. The masters'
     * chain is acyclic (validated), so the recursion ends; its depth is the chain's length.
     */
    private Mount leader(int group) {
        Mount done = leaders.get(group);
        if (done != null) {
            return done;
        }
        List<Mount> members = groups.get(group);
        Mount leader = widest(members);
        if (leader.isSlave()) {
            enslave(leader);
        }
        propagation(leader, MountFlags.MS_SHARED);
        for (Mount peer : members) {
            if (peer != leader) {
                kernel.moveMount(tree.fd(leader.id()), RawString.EMPTY, tree.fd(peer.id()), RawString.EMPTY, SET_GROUP);
            }
        }
        leaders.put(group, leader);
        return leader;
    }

    /** Makes {@code m} a slave of its master group: join the group, then leave it as its slave. */
    private void enslave(Mount m) {
        if (!groups.containsKey(m.masterId())) {
            throw new UnsupportedOperationException(m.label() + ": master group " + m.masterId()
                    + " has no member here, and the self-test restorer handles no external masters");
        }
        Mount master = leader(m.masterId());
        kernel.moveMount(tree.fd(master.id()), RawString.EMPTY, tree.fd(m.id()), RawString.EMPTY, SET_GROUP);
        propagation(m, MountFlags.MS_SLAVE);
    }

    private void propagation(Mount m, int type) {
        kernel.mountSetattr(tree.fd(m.id()), RawString.EMPTY, AtFlags.AT_EMPTY_PATH, 0, 0, type, 0);
    }

    /** MOVE_MOUNT_SET_GROUP copies only from a mount whose root contains the target's. */
    private static Mount widest(List<Mount> members) {
        Mount widest = members.get(0);
        for (Mount m : members) {
            if (m.root().length() < widest.root().length()) {
                widest = m;
            }
        }
        for (Mount m : members) {
            if (!m.root().isPathUnder(widest.root())) {
                throw new UnsupportedOperationException(m.label() + ": root '" + m.root()
                        + "' is not under '" + widest.root() + "', the widest root of peer group "
                        + m.sharedId() + "; the self-test restorer needs one member that contains the others");
            }
        }
        return widest;
    }
}
