package dev.mountflow.enginev2;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;

/**
 * Leaves behind the restored namespaces alone: the roots that were deleted at dump time are
 * removed again (so mountinfo shows {@code //deleted} as it did), every fd of the restore is
 * closed, and the sources namespace with its work area is gone.
 */
final class V2CleanupDeletedSources implements Stage {
    private final V2Restore restore;

    V2CleanupDeletedSources(V2Restore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.CLEANUP_DELETED_SOURCES;
    }

    @Override
    public String leavesBehind() {
        return "sources of deleted mounts removed again; every fd closed; the work area gone";
    }

    @Override
    public void run(RestoreContext context) {
        Kernel k = context.kernel();
        restore.work.thread().run(() -> {
            for (V2Restore.RecreatedRoot r : restore.recreated) {
                try {
                    remove(k, restore.sourceFds.get(r.source()).fd(), r.path());
                } catch (NativeCallException e) {
                    throw new V2MountException(id(), restore.plan.label(r.mount()) + " deleted root '" + r.path() + "'", e);
                }
            }
        });
        restore.mountFds.values().forEach(V2Fds.Owned::close);
        restore.areas.values().forEach(a -> a.dir().close());
        restore.sourceFds.values().forEach(V2Fds.Owned::close);
        restore.work.dir().close();
        restore.work.thread().close();
    }

    private static void remove(Kernel k, int sourceFd, RawString rel) {
        int slash = rel.length() - 1;
        while (slash >= 0 && rel.byteAt(slash) != '/') {
            slash--;
        }
        RawString name = rel.substring(slash + 1);
        int dir = slash < 0 ? sourceFd : new V2Calls(k).resolve(sourceFd, rel.substring(0, slash));
        try {
            try {
                k.unlinkat(dir, name, AtFlags.AT_REMOVEDIR);
            } catch (NativeCallException e) {
                if (!e.is(Errno.ENOTDIR)) {
                    throw e;
                }
                k.unlinkat(dir, name, 0);
            }
        } finally {
            if (dir != sourceFd) {
                k.close(dir);
            }
        }
    }
}
