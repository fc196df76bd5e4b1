package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;

/** Mounting one image tmpfs in the restore's namespace, with its undo registered. */
final class TmpfsMounts {
    private TmpfsMounts() {
    }

    static void mount(RestoreContext context, TmpfsRestore restore, Mount m) {
        Kernel k = context.kernel();
        int flags = m.flags() & MountFlags.PER_MOUNT_MASK & ~MountFlags.MS_RDONLY;
        restore.namespace.run(() -> k.mount(m.source(), m.mountpoint(), "tmpfs", flags, m.options()));
        // Flags 0, not MNT_DETACH: the kernel refuses (EBUSY) while a mount above is left, so a
        // rollback out of order would show.
        context.rollback().push("umount " + m.label(), () -> {
            restore.undid("umount '" + m.mountpoint() + "'");
            restore.namespace.run(() -> k.umount2(m.mountpoint(), 0));
        });
    }

    static void mkdir(RestoreContext context, TmpfsRestore restore, Mount m) {
        Kernel k = context.kernel();
        restore.namespace.run(() -> k.mkdirat(AtFlags.AT_FDCWD, m.mountpoint(), 0755));
        context.rollback().push("rmdir " + m.label(), () -> {
            restore.undid("rmdir '" + m.mountpoint() + "'");
            restore.namespace.run(() -> k.unlinkat(AtFlags.AT_FDCWD, m.mountpoint(), AtFlags.AT_REMOVEDIR));
        });
    }
}
