package dev.mountflow.compare;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renames superblocks, peer groups and external masters in order of first appearance in the
 * canonical walk across all namespaces, so that only the partitions they make are left.
 */
final class SharingNames {
    private final List<NamespaceWalk> walks;
    private final Map<DeviceId, Integer> superblocks = new HashMap<>();
    private final Map<Integer, Integer> groups = new HashMap<>();
    private final Map<Integer, Integer> externals = new HashMap<>();

    SharingNames(List<NamespaceWalk> walks) {
        this.walks = walks;
        // Groups first, all of them: a slave may come before every member of its master group.
        for (NamespaceWalk walk : walks) {
            for (int i = 0; i < walk.size(); i++) {
                Mount mount = walk.mount(i);
                nameOnce(superblocks, mount.device());
                if (mount.isShared()) {
                    nameOnce(groups, mount.sharedId());
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
            Integer group = groups.get(mount.masterId());
            if (group != null) {
                masterGroup = group;
            } else {
                externalMaster = nameOnce(externals, mount.masterId());
            }
        }
        return new CanonicalMount(walk.parent(i), walk.descendants(i), walk.path(i), MountLabel.of(mount),
                superblocks.get(mount.device()), mount.isShared() ? groups.get(mount.sharedId()) : 0,
                masterGroup, externalMaster);
    }

    /** The name of {@code key}, giving it the next one on its first appearance. */
    static <K> int nameOnce(Map<K, Integer> names, K key) {
        Integer name = names.get(key);
        if (name == null) {
            name = names.size() + 1;
            names.put(key, name);
        }
        return name;
    }
}
