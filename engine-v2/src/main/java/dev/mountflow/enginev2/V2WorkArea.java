package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.FsContextFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.ThrowingRunnable;

/**
 * A private namespace thread and the private tmpfs mounted on {@link #PATH} inside it, where
 * the restore puts what it builds before it is in place.
 *
 * @param dir an O_PATH fd on the tmpfs's root
 */
record V2WorkArea(NamespaceExecutor thread, OwnedFds.Owned dir) {
    /**
     * An existing host directory, covered only inside the private namespace: nothing is created
     * on the host's filesystem.
     */
    static final RawString PATH = RawString.of("/mnt");

    static RawString path(RawString name) {
        return PATH.resolve(name);
    }

    /**
     * A new private namespace with its work tmpfs. {@code beforeCovering} runs on its thread
     * first, while every host path is still visible there (a {@code --root} below {@link #PATH}
     * would be hidden afterwards).
     */
    static V2WorkArea create(RestoreContext context, OwnedFds fds, String what,
                             ThrowingRunnable<RuntimeException> beforeCovering) {
        NamespaceExecutor thread = context.rollback().push("namespace thread for " + what,
                context.namespaces().newPrivate());
        Kernel k = context.kernel();
        OwnedFds.Owned dir = thread.call(() -> {
            beforeCovering.run();
            int fsContext = k.fsopen("tmpfs", FsContextFlags.FSOPEN_CLOEXEC);
            try {
                k.fsconfig(fsContext, FsContextFlags.FSCONFIG_SET_STRING, "source", RawString.of("mountflow-work"), 0);
                k.fsconfig(fsContext, FsContextFlags.FSCONFIG_SET_STRING, "mode", RawString.of("0700"), 0);
                k.fsconfig(fsContext, FsContextFlags.FSCONFIG_CMD_CREATE, null, null, 0);
                OwnedFds.Owned mount = fds.own("work tmpfs of " + what,
                        k.fsmount(fsContext, FsContextFlags.FSMOUNT_CLOEXEC,
                                (int) (MountAttrFlags.MOUNT_ATTR_NOSUID | MountAttrFlags.MOUNT_ATTR_NODEV)));
                k.moveMount(mount.fd(), RawString.EMPTY, AtFlags.AT_FDCWD, PATH, MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
                return mount;
            } finally {
                k.close(fsContext);
            }
        });
        return new V2WorkArea(thread, dir);
    }
}
