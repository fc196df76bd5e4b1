package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.FileStat;
import dev.mountflow.spi.Kernel;

/** Leaves the tree as assembled; fresh tmpfs mounts have no deleted sources, so it only checks each is a mount root. */
final class TmpfsCleanupDeletedSources implements Stage {
    private final TmpfsRestore restore;

    TmpfsCleanupDeletedSources(TmpfsRestore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.CLEANUP_DELETED_SOURCES;
    }

    @Override
    public String leavesBehind() {
        return "nothing to clean: fresh tmpfs mounts have no deleted sources";
    }

    @Override
    public void run(RestoreContext context) {
        Kernel k = context.kernel();
        for (Mount m : restore.extras) {
            FileStat stat = restore.namespace.call(() -> k.statx(AtFlags.AT_FDCWD, m.mountpoint(), AtFlags.AT_SYMLINK_NOFOLLOW));
            if (stat.mountRootKnown() && !stat.mountRoot()) {
                throw new IllegalStateException(m.label() + " is not a mount root after assembly");
            }
        }
    }
}
