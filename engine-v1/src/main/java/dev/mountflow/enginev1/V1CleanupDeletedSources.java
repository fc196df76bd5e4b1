package dev.mountflow.enginev1;

import dev.mountflow.build.DeletedRootStandIns;
import dev.mountflow.build.MountStageException;
import dev.mountflow.build.OwnedFds;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.MountFlags;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.UmountFlags;
import java.util.Comparator;

/**
 * Leaves behind the restored namespaces alone: the roots that were deleted at dump time are
 * removed again (so mountinfo shows {@code //deleted} as it did), from a private namespace of
 * their own, the roots yard is made rprivate
 * (its mounts leave the peer groups they share with the restored namespaces, so detaching them
 * takes nothing from those) and detached, every fd of the restore is closed, and the work
 * namespace is gone.
 */
final class V1CleanupDeletedSources extends EngineStage {
    private final V1Restore restore;

    V1CleanupDeletedSources(V1Restore restore) {
        super(StageIds.CLEANUP_DELETED_SOURCES, "sources of deleted mounts removed again; the roots yard private, detached and gone; every fd closed");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        V1Calls calls = new V1Calls(context.kernel());
        if (!restore.recreated.isEmpty()) {
            // A deleted root's path may hold a live mountpoint of the work namespace and the
            // restored ones, which rename refuses there (EBUSY); a namespace of its own holds none
            // of their mounts and renames through the same fds.
            try (NamespaceExecutor apart = context.namespaces().newPrivate()) {
                apart.run(() -> removeRecreated(calls));
            }
        }
        restore.work.run(() -> {
            restore.recreated.clear();
            restore.hostDirs.values().forEach(OwnedFds.Owned::close);
            restore.wholeMounts.values().forEach(OwnedFds.Owned::close);
            restore.mountFds.values().forEach(OwnedFds.Owned::close);
            try {
                calls.propagation(restore.yard.fd(), MountFlags.MS_REC | MountFlags.MS_PRIVATE);
                calls.kernel().umount2(V1Calls.link(restore.yard.fd()), UmountFlags.MNT_DETACH);
            } catch (NativeCallException e) {
                throw new MountStageException(id(), "roots yard", e);
            }
            restore.yard.close();
        });
        for (V1Restore.Split split : restore.split.values()) {
            split.top().close();
            split.root().close();
        }
        restore.work.close();
    }

    /** Removes the recreated deleted roots, deepest first, so one below another is gone before it. */
    private void removeRecreated(V1Calls calls) {
        restore.recreated.sort(Comparator.comparingInt((V1Restore.RecreatedRoot r) -> r.path().length()).reversed());
        for (V1Restore.RecreatedRoot r : restore.recreated) {
            try {
                int sourceFd = restore.sourceFd(r.source()).fd();
                if (r.standIn() == null) {
                    calls.paths().remove(sourceFd, r.path());
                } else {
                    DeletedRootStandIns.renameAndRemove(calls.paths(), sourceFd, r.standIn(), r.path());
                }
            } catch (NativeCallException e) {
                throw new MountStageException(id(), restore.tree.label(r.mount()) + " deleted root '" + r.path() + "'", e);
            }
        }
    }
}
