package dev.mountflow.restore;

import dev.mountflow.compare.ImageComparator;
import dev.mountflow.model.MountImage;
import java.util.List;

/**
 * The verifier of every real restore: the canonical comparison of DESIGN.md §6 (trees,
 * superblock partition, peer groups, master edges, flags), differences by path.
 */
public final class CanonicalVerifier implements ImageVerifier {
    private final ImageComparator comparator = new ImageComparator();

    @Override
    public List<String> differences(MountImage expected, MountImage actual) {
        return comparator.compare(expected, actual).stream().map(Object::toString).toList();
    }
}
