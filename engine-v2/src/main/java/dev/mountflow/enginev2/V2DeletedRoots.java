package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.build.MountStageException;
import dev.mountflow.build.ContentSource;
import dev.mountflow.build.ConfinedPaths;
import dev.mountflow.build.DeletedRootStandIns;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import java.util.Comparator;
import java.util.Iterator;

/**
 * Removes deleted roots the restore recreated, once their clones exist: a clone keeps its root
 * dentry, so after the unlink mountinfo shows it with {@code //deleted}, as at dump time. Run on
 * the sources namespace's thread. (A read-only superblock never holds one: the kernel refuses
 * to remount read-only, EBUSY, while an unlinked inode is still in use.)
 *
 * <p>Deepest roots go first, so a deleted root below another is gone before its parent is
 * removed. A root made under a stand-in name is first renamed onto its path: with
 * RENAME_NOREPLACE when the path is free, else by RENAME_EXCHANGE with what is there (a live
 * root, or a directory of the live tree), which is renamed back once the deleted root is removed.
 */
final class V2DeletedRoots {
    private final Kernel kernel;
    private final V2Restore restore;
    private final String stage;

    V2DeletedRoots(Kernel kernel, V2Restore restore, String stage) {
        this.kernel = kernel;
        this.restore = restore;
        this.stage = stage;
    }

    /** Removes the recreated roots of {@code source}, or of every source when null. */
    void remove(ContentSource source) {
        restore.recreated.sort(Comparator.comparingInt((V2Restore.RecreatedRoot r) -> r.path().length()).reversed());
        for (Iterator<V2Restore.RecreatedRoot> it = restore.recreated.iterator(); it.hasNext(); ) {
            V2Restore.RecreatedRoot r = it.next();
            if (source == null || r.source() == source) {
                try (OwnedFds.Owned sourceFd = restore.openSource(new V2Calls(kernel), r.source())) {
                    if (r.standIn() == null) {
                        new ConfinedPaths(kernel).remove(sourceFd.fd(), r.path());
                    } else {
                        DeletedRootStandIns.renameAndRemove(new ConfinedPaths(kernel), sourceFd.fd(), r.standIn(), r.path());
                    }
                } catch (NativeCallException e) {
                    throw new MountStageException(stage, restore.plan.label(r.mount()) + " deleted root '" + r.path() + "'", e);
                }
                it.remove();
            }
        }
    }
}
