package dev.mountflow.validate;

import dev.mountflow.model.Mount;

/**
 * Each slave's master: a peer group of the image, or, for an external mount, one on the host that
 * the operator's {@code --external} map provides. A group cannot be its own master, and all peers
 * of a group have the same master, because the kernel copies the master into every clone of a peer
 * and takes a mount out of its group when making it a slave.
 */
final class MasterCheck implements Check {
    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        for (NamespaceIndex ns : index.namespaces()) {
            for (int i = 0; i < ns.size(); i++) {
                check(index, ns.ref(i), ns.mount(i), out);
            }
        }
    }

    private static void check(ImageIndex index, MountRef ref, Mount mount, ProblemCollector out) {
        int master = mount.masterId();
        if (master > 0 && master == mount.sharedId()) {
            out.mount(ref, "master_id", "peer group " + master
                    + " is the mount's own shared_id; a peer group cannot be its own master");
        } else if (master > 0 && index.firstPeer(master) == null && !mount.isExternal()) {
            out.mount(ref, "master_id", "peer group " + master
                    + " has no member in the image, and the mount is not external (no ext_key)");
        }
        if (mount.sharedId() > 0) {
            MountRef firstPeer = index.firstPeer(mount.sharedId());
            int peerMaster = index.mount(firstPeer).masterId();
            if (peerMaster != master) {
                out.mount(ref, "master_id", master + ", but its peer "
                        + index.describe(firstPeer, ref.namespace()) + " has " + peerMaster
                        + "; peers share one master");
            }
        }
    }
}
