package dev.mountflow.model;

import java.util.Objects;

/**
 * One mount as a namespace holds it: the data of a mountinfo line, interpreted.
 *
 * @param id the kernel's mount id (unique across namespaces at dump time)
 * @param parentId the id of the mount this one is mounted on; for a namespace's root mount, an id
 *     outside the namespace (or its own id)
 * @param device the superblock's device number; mounts with one device share one superblock
 * @param root the path inside the superblock that this mount shows ({@code /} for a whole
 *     filesystem, a subdirectory or file for a bind mount), without any deleted marker
 * @param mountpoint the absolute path where the mount sits, as seen from the namespace's root
 * @param fstype the filesystem type as mountinfo names it ({@code tmpfs}, {@code fuse.sshfs})
 * @param source the mount source (may be empty)
 * @param flags per-mount {@code MS_*} bits ({@link MountFlags#PER_MOUNT_MASK})
 * @param superFlags superblock {@code MS_*} bits ({@link MountFlags#SUPERBLOCK_MASK})
 * @param options the remaining superblock options, verbatim
 * @param sharedId the peer group this mount belongs to, 0 when not shared
 * @param masterId the peer group this mount receives propagation from, 0 when not a slave
 * @param unbindable whether the mount is unbindable
 * @param deleted whether the mount's root had been deleted from its filesystem at dump time
 * @param externalKey the key naming the host path this mount comes from at restore, or null when
 *     the mount is not external
 */
public record Mount(
        int id,
        int parentId,
        DeviceId device,
        RawString root,
        RawString mountpoint,
        String fstype,
        RawString source,
        int flags,
        int superFlags,
        RawString options,
        int sharedId,
        int masterId,
        boolean unbindable,
        boolean deleted,
        String externalKey) {

    public Mount {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(mountpoint, "mountpoint");
        Objects.requireNonNull(fstype, "fstype");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
    }

    public boolean isShared() {
        return sharedId != 0;
    }

    public boolean isSlave() {
        return masterId != 0;
    }

    public boolean isExternal() {
        return externalKey != null;
    }

    public boolean isReadOnly() {
        return (flags & MountFlags.MS_RDONLY) != 0;
    }

    /** The propagation words as findmnt prints them: {@code shared}, {@code private,slave}, ... */
    public String propagation() {
        String base = isShared() ? "shared" : "private";
        if (isSlave()) {
            base = isShared() ? "shared,slave" : "slave";
        }
        return unbindable ? base + ",unbindable" : base;
    }

    public Mount withExternalKey(String key) {
        return new Mount(id, parentId, device, root, mountpoint, fstype, source, flags, superFlags,
                options, sharedId, masterId, unbindable, deleted, key);
    }

    /** Short identification for messages: {@code mount 31 '/a/b'}. */
    public String label() {
        return "mount " + id + " '" + mountpoint + "'";
    }
}
