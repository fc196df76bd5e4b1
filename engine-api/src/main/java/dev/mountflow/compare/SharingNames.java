package dev.mountflow.compare;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import java.util.ArrayList;
import java.util.List;

/**
 * Renames superblocks, peer groups and external masters in order of first appearance in the
 * canonical walk across all namespaces, so that only the partitions they make are left.
 */
final class SharingNames {
    private final List<NamespaceWalk> walks;
    /** By {@link DeviceId#encoded()}, which is one int for every device. */
    private final IntIntMap superblocks = new IntIntMap(16);
    private final IntIntMap groups = new IntIntMap(16);
    private final IntIntMap externals = new IntIntMap(16);

    SharingNames(List<NamespaceWalk> walks) {
        this.walks = walks;
        // Groups first, all of them: a slave may come before every member of its master group.
        for (NamespaceWalk walk : walks) {
            for (int i = 0; i < walk.size(); i++) {
                Mount mount = walk.mount(i);
                superblocks.nameOnce(mount.device().encoded());
                if (mount.isShared()) {
                    groups.nameOnce(mount.sharedId());
                }
            }
        }
    }

    CanonicalImage canonicalImage() {
        List<CanonicalNamespace> namespaces = new ArrayList<>(walks.size());
        for (NamespaceWalk walk : walks) {
            List<CanonicalMount> mounts = new ArrayList<>(walk.size());
            for (int i = 0; i < walk.size(); i++) {
                mounts.add(canonical(walk, i));
            }
            namespaces.add(new CanonicalNamespace(mounts));
        }
        return new CanonicalImage(namespaces);
    }

    private CanonicalMount canonical(NamespaceWalk walk, int i) {
        Mount mount = walk.mount(i);
        int masterGroup = 0;
        int externalMaster = 0;
        if (mount.isSlave()) {
            masterGroup = groups.get(mount.masterId(), 0);
            if (masterGroup == 0) {
                externalMaster = externals.nameOnce(mount.masterId());
            }
        }
        return new CanonicalMount(walk.parent(i), walk.descendants(i), walk.path(i), walk.label(i),
                superblocks.get(mount.device().encoded(), 0), mount.isShared() ? groups.get(mount.sharedId(), 0) : 0,
                masterGroup, externalMaster);
    }
}
