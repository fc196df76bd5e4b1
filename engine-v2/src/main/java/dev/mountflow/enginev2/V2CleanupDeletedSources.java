package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;

/**
 * Leaves behind the restored namespaces alone: the roots that were deleted at dump time are
 * removed again (so mountinfo shows {@code //deleted} as it did), every fd of the restore is
 * closed, and the sources namespace with its work area is gone: the last two beside verify, which
 * reads nothing they change, and done before publish.
 */
final class V2CleanupDeletedSources extends EngineStage {
    private final V2Restore restore;

    V2CleanupDeletedSources(V2Restore restore) {
        super(StageIds.CLEANUP_DELETED_SOURCES, "sources of deleted mounts removed again; every fd closed and the work area gone by publish (done beside verify)");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        V2DeletedRoots deleted = new V2DeletedRoots(context.kernel(), restore, id());
        restore.work.thread().run(() -> deleted.remove(null));
        // The rest changes nothing verify reads, and costs about 1.5 us an fd and the teardown of
        // the sources namespace's mounts: done beside verify, awaited before publish.
        context.inBackground("closing the restore's fds and the sources namespace", () -> {
            restore.mountFds.values().forEach(OwnedFds.Owned::close);
            restore.roots.values().forEach(OwnedFds.Owned::close);
            restore.areas.values().forEach(a -> a.dir().close());
            restore.work.dir().close();
            restore.work.thread().close();
        });
    }
}
