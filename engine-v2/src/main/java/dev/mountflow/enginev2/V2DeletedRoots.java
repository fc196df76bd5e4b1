package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.build.MountStageException;
import dev.mountflow.build.ContentSource;
import dev.mountflow.build.ConfinedPaths;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import java.util.Iterator;

/**
 * Removes deleted roots the restore recreated, once their clones exist: a clone keeps its root
 * dentry, so after the unlink mountinfo shows it with {@code //deleted}, as at dump time. Run on
 * the sources namespace's thread. (A read-only superblock never holds one: the kernel refuses
 * to remount read-only, EBUSY, while an unlinked inode is still in use.)
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
        for (Iterator<V2Restore.RecreatedRoot> it = restore.recreated.iterator(); it.hasNext(); ) {
            V2Restore.RecreatedRoot r = it.next();
            if (source == null || r.source() == source) {
                try (OwnedFds.Owned sourceFd = restore.openSource(new V2Calls(kernel), r.source())) {
                    new ConfinedPaths(kernel).remove(sourceFd.fd(), r.path());
                } catch (NativeCallException e) {
                    throw new MountStageException(stage, restore.plan.label(r.mount()) + " deleted root '" + r.path() + "'", e);
                }
                it.remove();
            }
        }
    }
}
