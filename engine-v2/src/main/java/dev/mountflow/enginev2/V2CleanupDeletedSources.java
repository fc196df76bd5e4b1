package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;

/**
 * Leaves behind the restored namespaces alone: the roots that were deleted at dump time are
 * removed again (so mountinfo shows {@code //deleted} as it did), every fd of the restore is
 * closed (beside verify, which reads nothing that changes, and done before publish), and the
 * sources namespace with its work area is gone.
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
        restore.work.dir().close();
        // Here, not beside verify: tearing the namespace down holds the kernel's namespace lock,
        // which reading mountinfo takes too.
        restore.work.thread().close();
        // Closing changes nothing verify reads and costs about 1.5 us an fd, with no lock verify
        // takes: done beside it, on a restored namespace's thread (idle while verify reads from
        // the runner's), awaited before publish.
        V2WorkArea any = restore.areas.values().iterator().next();
        context.inBackground("closing the restore's fds", () -> any.thread().start(() -> {
            restore.mountFds.values().forEach(OwnedFds.Owned::close);
            restore.roots.values().forEach(OwnedFds.Owned::close);
            restore.areas.values().forEach(a -> a.dir().close());
            return null;
        }));
    }
}
