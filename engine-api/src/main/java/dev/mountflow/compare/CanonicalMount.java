package dev.mountflow.compare;

import java.util.Objects;

/**
 * One mount in canonical form: its place in the depth-first walk of its namespace, its label, and
 * its superblock and sharing renamed in order of first appearance across the image.
 *
 * @param parent the index of the parent mount in the namespace's canonical list, -1 for a root
 * @param descendants how many mounts lie below this one; they follow it directly in the list
 * @param path how messages name the mount
 * @param label the compared fields
 * @param superblock the canonical superblock number ({@code sb#1}, {@code sb#2} …), from 1
 * @param peerGroup the canonical peer group number ({@code group#N}), 0 when not shared
 * @param masterGroup the canonical number of the peer group this mount is a slave of, 0 when it is
 *     not a slave or its master has no member in the image
 * @param externalMaster the canonical number ({@code external#N}) of a master that has no member in
 *     the image, 0 otherwise
 */
public record CanonicalMount(
        int parent,
        int descendants,
        MountPath path,
        MountLabel label,
        int superblock,
        int peerGroup,
        int masterGroup,
        int externalMaster) {

    public CanonicalMount {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(label, "label");
    }
}
