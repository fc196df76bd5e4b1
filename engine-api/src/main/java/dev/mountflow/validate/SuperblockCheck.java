package dev.mountflow.validate;

import dev.mountflow.model.Mount;

/**
 * A propagation tree lives on one superblock: peers and slaves are all clones of one mount, and
 * MOVE_MOUNT_SET_GROUP, which the v2 engine restores sharing with, refuses mounts of another
 * superblock. Each mount is compared with the first member of its group and of its master group.
 */
final class SuperblockCheck implements Check {
    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        for (NamespaceIndex ns : index.namespaces()) {
            for (int i = 0; i < ns.size(); i++) {
                Mount mount = ns.mount(i);
                MountRef ref = ns.ref(i);
                if (mount.sharedId() > 0) {
                    compare(index, ref, "shared_id", "peer group ", mount.sharedId(), out);
                }
                if (mount.masterId() > 0 && mount.masterId() != mount.sharedId()) {
                    compare(index, ref, "master_id", "master peer group ", mount.masterId(), out);
                }
            }
        }
    }

    private static void compare(ImageIndex index, MountRef ref, String field, String what,
            int group, ProblemCollector out) {
        MountRef first = index.firstPeer(group);
        if (first == null) {
            return;
        }
        Mount mount = index.mount(ref);
        Mount peer = index.mount(first);
        if (!peer.device().equals(mount.device())) {
            out.mount(ref, field, what + group + " is on device " + peer.device() + " ("
                    + index.describe(first, ref.namespace()) + "), this mount on "
                    + mount.device() + "; propagation stays within one superblock");
        }
    }
}
