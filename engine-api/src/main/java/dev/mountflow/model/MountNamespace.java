package dev.mountflow.model;

import java.util.List;

/**
 * One mount namespace of an image: its mounts in the order the kernel listed them (parents before
 * children, and stacked mounts on one mountpoint bottom first).
 *
 * @param id the image's id for this namespace, which names its {@code mountpoints-<id>.img}
 * @param pid the process the namespace was read from at dump time (0 when unknown)
 * @param kernelId the namespace's inode number at dump time (0 when unknown)
 * @param mounts the mounts, in mountinfo order
 */
public record MountNamespace(int id, long pid, long kernelId, List<Mount> mounts) {
    public MountNamespace {
        mounts = List.copyOf(mounts);
    }

    public MountNamespace withMounts(List<Mount> newMounts) {
        return new MountNamespace(id, pid, kernelId, newMounts);
    }
}
