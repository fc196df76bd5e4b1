package dev.mountflow.compare;

import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical form of a mount image (DESIGN.md §6): the same for any two images that differ only
 * in mount ids, device numbers, peer group numbers and external keys. Two canonical images are
 * equal exactly when {@link ImageComparator} finds no difference between their images.
 *
 * <p>Namespaces come in position order: the image's root namespace first, then the others in image
 * order. Superblocks, peer groups and external masters are numbered by first appearance in that
 * walk across all namespaces, because the kernel's devices and groups span namespaces.
 *
 * <p>Time is n·log n in the number of mounts (the sort of siblings) and no step recurses.
 */
public record CanonicalImage(List<CanonicalNamespace> namespaces) {
    public CanonicalImage {
        namespaces = List.copyOf(namespaces);
    }

    /**
     * The canonical form of {@code image}.
     *
     * @throws IllegalArgumentException naming a mount of a namespace whose parents form a cycle,
     *     which leaves it outside every tree
     */
    public static CanonicalImage of(MountImage image) {
        List<NamespaceWalk> walks = new ArrayList<>();
        for (MountNamespace ns : inPositionOrder(image)) {
            walks.add(NamespaceWalk.of(walks.size() + 1, ns));
        }
        return new SharingNames(walks).canonicalImage();
    }

    private static List<MountNamespace> inPositionOrder(MountImage image) {
        List<MountNamespace> ordered = new ArrayList<>(image.namespaces().size());
        MountNamespace root = image.namespace(image.rootNamespaceId()).orElse(null);
        if (root != null) {
            ordered.add(root);
        }
        for (MountNamespace ns : image.namespaces()) {
            if (ns != root) {
                ordered.add(ns);
            }
        }
        return ordered;
    }
}
