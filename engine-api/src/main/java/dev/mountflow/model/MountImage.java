package dev.mountflow.model;

import java.util.List;
import java.util.Optional;

/**
 * A dumped set of mount namespaces: what one image directory holds.
 *
 * @param rootNamespaceId the namespace of the dumped process itself; the others were found among
 *     its descendants
 * @param toolVersion the mountflow version that wrote the image
 * @param namespaces every namespace of the image, the root one first
 */
public record MountImage(int rootNamespaceId, String toolVersion, List<MountNamespace> namespaces) {
    public MountImage {
        namespaces = List.copyOf(namespaces);
    }

    public Optional<MountNamespace> namespace(int id) {
        return namespaces.stream().filter(ns -> ns.id() == id).findFirst();
    }

    public int mountCount() {
        return namespaces.stream().mapToInt(ns -> ns.mounts().size()).sum();
    }
}
