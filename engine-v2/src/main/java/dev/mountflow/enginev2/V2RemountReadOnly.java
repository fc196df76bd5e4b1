package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.build.MountStageException;
import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.ContentSource;
import dev.mountflow.build.FreshMounts;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.NativeCallException;

/**
 * Leaves behind the image's read-only flags: superblocks the restore created are remounted
 * read-only where the image's last mountinfo field says {@code ro}, and each mount marked
 * {@code ro} gets MOUNT_ATTR_RDONLY. Both wait until now because the earlier stages wrote
 * roots and mountpoints into the content.
 */
final class V2RemountReadOnly extends EngineStage {
    private final V2Restore restore;

    V2RemountReadOnly(V2Restore restore) {
        super(StageIds.REMOUNT_READ_ONLY, "mount and superblock read-only flags as in the image");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        BuildPlan plan = restore.plan;
        for (ContentSource source : plan.sources()) {
            Mount m = source.first();
            if (source.isFresh() && (m.superFlags() & MountFlags.MS_RDONLY) != 0) {
                remountSuperblock(context, source);
            }
        }
        V2Calls calls = new V2Calls(context.kernel());
        for (var entry : restore.areas.entrySet()) {
            entry.getValue().thread().run(() -> {
                for (Mount m : plan.depthFirst(entry.getKey())) {
                    if (m.isReadOnly()) {
                        try (OwnedFds.Owned fd = restore.reach(calls, m)) {
                            context.kernel().mountSetattr(fd.fd(), RawString.EMPTY, AtFlags.AT_EMPTY_PATH,
                                    MountAttrFlags.MOUNT_ATTR_RDONLY, 0, 0, 0);
                        } catch (NativeCallException e) {
                            throw new MountStageException(id(), plan.label(m), e);
                        }
                    }
                }
            });
        }
    }

    /**
     * A remount without MS_BIND reconfigures the superblock, seen by every mount of it; it is made
     * on the source's plain mountpoint (our own path in our own namespace), whose per-mount flags
     * it also resets, which no image mount shares. Data NULL keeps every other option. Only
     * filesystems that always get a new superblock are touched: the others may be the host's.
     */
    private void remountSuperblock(RestoreContext context, ContentSource source) {
        if (!FreshMounts.createsOwnSuperblock(source.first().fstype())) {
            context.log("v2: leaving superblock of " + source.describe() + " as it is: it may be shared with the host");
            return;
        }
        RawString path = V2WorkArea.path(V2Restore.workName(source));
        try {
            restore.work.thread().run(() -> context.kernel().mount(null, path, null,
                    MountFlags.MS_REMOUNT | MountFlags.MS_RDONLY, null));
        } catch (NativeCallException e) {
            throw new MountStageException(id(), "superblock of " + source.describe() + " ("
                    + restore.plan.label(source.first()) + ")", e);
        }
    }
}
