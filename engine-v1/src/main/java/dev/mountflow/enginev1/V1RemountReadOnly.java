package dev.mountflow.enginev1;

import dev.mountflow.build.ContentSource;
import dev.mountflow.build.FreshMounts;
import dev.mountflow.build.MountStageException;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.MountFlags;
import dev.mountflow.spi.NativeCallException;

/**
 * Leaves behind the image's read-only flags: superblocks the restore created are remounted
 * read-only where the image says so, through their whole mount in the work namespace's yard
 * (which no image mount is, so resetting its per-mount flags harms nothing), and each mount marked
 * read-only is remounted with {@code MS_BIND|MS_RDONLY} and the rest of its flags from its own
 * namespace (covered ones got theirs before the split). Both wait until now because the earlier
 * stages wrote roots and mountpoints into the content.
 */
final class V1RemountReadOnly extends EngineStage {
    private final V1Restore restore;

    V1RemountReadOnly(V1Restore restore) {
        super(StageIds.REMOUNT_READ_ONLY, "mount and superblock read-only flags as in the image");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        V1Calls calls = new V1Calls(context.kernel());
        for (ContentSource source : restore.plan.wholeSources()) {
            if ((source.first().superFlags() & MountFlags.MS_RDONLY) == 0) {
                continue;
            }
            if (!FreshMounts.createsOwnSuperblock(source.first().fstype())) {
                context.log("v1: leaving superblock of " + source.describe() + " as it is: it may be shared with the host");
                continue;
            }
            try {
                restore.work.run(() -> calls.superblockReadOnly(restore.wholeMounts.get(source).fd()));
            } catch (NativeCallException e) {
                throw new MountStageException(id(), "superblock of " + source.describe() + " ("
                        + restore.tree.label(source.first()) + ")", e);
            }
        }
        V1LateMarks.mark(restore, calls, id(), m -> m.isReadOnly()
                ? MountFlags.MS_REMOUNT | MountFlags.MS_BIND | MountFlags.MS_RDONLY | FreshMounts.perMountFlags(m.flags())
                : 0);
    }
}
