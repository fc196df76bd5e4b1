package dev.mountflow.plugins.external;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.plugins.common.ClassPreload;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.OpenTreeFlags;
import dev.mountflow.spi.ResolveFlags;
import java.util.List;

/**
 * Makes restored external mounts slaves of the host mounts their keys were mapped to, without
 * mounting anything in the host's namespace: a detached clone of the host path, taken in a copy
 * of the host's namespace whose shared mounts are still peers of the host's, is a peer of the host
 * mount; the restored mount copies its peer group from it (MOVE_MOUNT_SET_GROUP) and turns slave,
 * both from its own namespace's thread (Linux 6.16+ refuses propagation changes from elsewhere).
 * Between the two calls the mount is a peer of the host's, and nothing is mounted there.
 */
final class HostMasters {
    private static final int CLONE = OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC
            | AtFlags.AT_SYMLINK_NOFOLLOW;
    private static final int PATH_FD = OpenFlags.O_PATH | OpenFlags.O_CLOEXEC;

    void attach(RestoreContext context, List<ExternalMasters.Slave> slaves) {
        if (slaves.isEmpty()) {
            return;
        }
        ClassPreload.kernelCalls();
        Kernel k = context.kernel();
        try (NamespaceExecutor hostCopy = context.namespaces().copyOfHost()) {
            for (ExternalMasters.Slave s : slaves) {
                RawString hostPath = RawString.of(s.hostPath().toString());
                int peer = hostCopy.call(() -> k.openTree(AtFlags.AT_FDCWD, hostPath, CLONE));
                try {
                    NamespaceExecutor ns = thread(context, s.namespaceId());
                    RawString rel = s.mount().mountpoint().relativeTo(RawString.SLASH);
                    ns.run(() -> makeSlave(k, peer, rel));
                } finally {
                    k.close(peer);
                }
            }
        }
    }

    /** On the restored namespace's thread, whose root is the restored tree's. */
    private static void makeSlave(Kernel k, int peer, RawString rel) {
        int root = k.openat2(AtFlags.AT_FDCWD, RawString.SLASH, PATH_FD, 0, 0);
        try {
            int mount = rel.isEmpty() ? root
                    : k.openat2(root, rel, PATH_FD, 0, ResolveFlags.RESOLVE_BENEATH | ResolveFlags.RESOLVE_NO_SYMLINKS);
            try {
                k.moveMount(peer, RawString.EMPTY, mount, RawString.EMPTY, MoveMountFlags.MOVE_MOUNT_SET_GROUP
                        | MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH | MoveMountFlags.MOVE_MOUNT_T_EMPTY_PATH);
                k.mountSetattr(mount, RawString.EMPTY, AtFlags.AT_EMPTY_PATH, 0, 0, MountFlags.MS_SLAVE, 0);
            } finally {
                if (mount != root) {
                    k.close(mount);
                }
            }
        } finally {
            k.close(root);
        }
    }

    private static NamespaceExecutor thread(RestoreContext context, int namespaceId) {
        for (RestoredNamespace ns : context.restored()) {
            if (ns.imageNamespaceId() == namespaceId) {
                return ns.thread();
            }
        }
        throw new IllegalStateException("the engine did not report namespace " + namespaceId + " as restored");
    }
}
