package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.spi.Kernel;

/** Leaves the tmpfs mounts the image has read-only read-only (per mount; superblocks stay as made). */
final class TmpfsRemountReadOnly implements Stage {
    private final TmpfsRestore restore;

    TmpfsRemountReadOnly(TmpfsRestore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.REMOUNT_READ_ONLY;
    }

    @Override
    public String leavesBehind() {
        return "read-only tmpfs mounts read-only";
    }

    @Override
    public void run(RestoreContext context) {
        Kernel k = context.kernel();
        for (Mount m : restore.extras) {
            if (!m.isReadOnly()) {
                continue;
            }
            // A bind remount sets every per-mount flag at once: the others must be passed again.
            int keep = m.flags() & MountFlags.PER_MOUNT_MASK & ~MountFlags.MS_RDONLY;
            int remount = MountFlags.MS_REMOUNT | MountFlags.MS_BIND;
            restore.namespace.run(() -> k.mount(null, m.mountpoint(), null, remount | keep | MountFlags.MS_RDONLY, null));
            context.rollback().push("make " + m.label() + " writable", () -> {
                restore.undid("read-write '" + m.mountpoint() + "'");
                restore.namespace.run(() -> k.mount(null, m.mountpoint(), null, remount | keep, null));
            });
        }
    }
}
