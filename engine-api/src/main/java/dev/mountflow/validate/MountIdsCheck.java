package dev.mountflow.validate;

import dev.mountflow.model.Mount;

/**
 * Ids as the kernel hands them out: positive, and mount ids unique across the whole image because
 * the kernel numbers all mounts of all namespaces from one pool. A mount id of 0 is also what a
 * proto2 record without {@code mnt_id} decodes to.
 */
final class MountIdsCheck implements Check {
    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        for (NamespaceIndex ns : index.namespaces()) {
            for (int i = 0; i < ns.size(); i++) {
                check(index, ns.ref(i), ns.mount(i), out);
            }
        }
    }

    private static void check(ImageIndex index, MountRef ref, Mount mount, ProblemCollector out) {
        if (mount.id() <= 0) {
            out.mount(ref, "mnt_id", mount.id() + " is not a mount id (the kernel's are positive)");
        } else {
            MountRef first = index.firstMountWithId(mount.id());
            if (!first.equals(ref)) {
                out.mount(ref, "mnt_id", duplicate(index, first, ref.namespace()));
            }
        }
        if (mount.parentId() < 0) {
            out.mount(ref, "parent_mnt_id",
                    mount.parentId() + " is not a mount id (the kernel's are positive)");
        }
        if (mount.sharedId() < 0) {
            out.mount(ref, "shared_id",
                    mount.sharedId() + " is not a peer group id (the kernel's are positive)");
        }
        if (mount.masterId() < 0) {
            out.mount(ref, "master_id",
                    mount.masterId() + " is not a peer group id (the kernel's are positive)");
        }
    }

    private static String duplicate(ImageIndex index, MountRef first, int namespace) {
        String where = first.namespace() == namespace
                ? "an earlier mount of this namespace"
                : "a mount in namespace " + index.namespaces().get(first.namespace()).id();
        return "the id is already taken by " + where + ", on "
                + Quote.of(index.mount(first).mountpoint());
    }
}
