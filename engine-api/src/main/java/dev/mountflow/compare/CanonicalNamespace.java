package dev.mountflow.compare;

import java.util.List;

/**
 * One namespace's mounts in canonical order: a depth-first walk of the mount tree, children by
 * mountpoint, then by label, then in image order. Every mount is followed by its
 * {@link CanonicalMount#descendants()}, so a subtree is a contiguous run of the list. The
 * namespace's id is left out: namespaces are compared by position.
 */
public record CanonicalNamespace(List<CanonicalMount> mounts) {
    public CanonicalNamespace {
        mounts = List.copyOf(mounts);
    }
}
