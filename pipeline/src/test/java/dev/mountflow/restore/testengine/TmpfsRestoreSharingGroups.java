package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.spi.Kernel;

/** Leaves each tmpfs the image has shared in a peer group of its own, the unbindable ones unbindable. */
final class TmpfsRestoreSharingGroups implements Stage {
    private final TmpfsRestore restore;

    TmpfsRestoreSharingGroups(TmpfsRestore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.RESTORE_SHARING_GROUPS;
    }

    @Override
    public String leavesBehind() {
        return "shared tmpfs mounts in peer groups of their own";
    }

    @Override
    public void run(RestoreContext context) {
        Kernel k = context.kernel();
        for (Mount m : restore.extras) {
            int type = m.isShared() ? MountFlags.MS_SHARED : m.unbindable() ? MountFlags.MS_UNBINDABLE : 0;
            if (type == 0) {
                continue;
            }
            restore.namespace.run(() -> k.mount(null, m.mountpoint(), null, type, null));
            context.rollback().push("make " + m.label() + " private", () -> {
                restore.undid("private '" + m.mountpoint() + "'");
                restore.namespace.run(() -> k.mount(null, m.mountpoint(), null, MountFlags.MS_PRIVATE, null));
            });
        }
    }
}
