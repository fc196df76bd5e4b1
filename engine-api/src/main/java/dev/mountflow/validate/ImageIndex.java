package dev.mountflow.validate;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lookup tables over one image, built in one pass so that no check needs to search: mounts by id
 * and peer groups by id across all namespaces, because the kernel's ids are global.
 */
final class ImageIndex {
    private final MountImage image;
    private final List<NamespaceIndex> namespaces = new ArrayList<>();
    private final Map<Integer, MountRef> firstMountById = new HashMap<>();
    private final Map<Integer, MountRef> firstPeerByGroup = new HashMap<>();

    ImageIndex(MountImage image) {
        this.image = image;
        for (int p = 0; p < image.namespaces().size(); p++) {
            NamespaceIndex ns = new NamespaceIndex(p, image.namespaces().get(p));
            namespaces.add(ns);
            for (int i = 0; i < ns.size(); i++) {
                Mount mount = ns.mount(i);
                firstMountById.putIfAbsent(mount.id(), ns.ref(i));
                if (mount.sharedId() > 0) {
                    firstPeerByGroup.putIfAbsent(mount.sharedId(), ns.ref(i));
                }
            }
        }
    }

    MountImage image() {
        return image;
    }

    List<NamespaceIndex> namespaces() {
        return namespaces;
    }

    Mount mount(MountRef ref) {
        return namespaces.get(ref.namespace()).mount(ref.index());
    }

    /** The first mount in image order with this id. */
    MountRef firstMountWithId(int id) {
        return firstMountById.get(id);
    }

    /** The first member in image order of peer group {@code group}, or null when it has none. */
    MountRef firstPeer(int group) {
        return firstPeerByGroup.get(group);
    }

    /** {@code mount 12 '/x'}, plus {@code in namespace 3} when seen from another namespace. */
    String describe(MountRef ref, int fromNamespace) {
        Mount mount = mount(ref);
        String text = "mount " + mount.id() + " " + Quote.of(mount.mountpoint());
        return ref.namespace() == fromNamespace
                ? text
                : text + " in namespace " + namespaces.get(ref.namespace()).id();
    }
}
