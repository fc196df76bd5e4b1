package dev.mountflow.enginev2;

import dev.mountflow.build.ConfinedPaths;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.OpenTreeFlags;

/**
 * The few fd-based moves every v2 stage makes, each one kernel idiom. Every image path is
 * resolved by {@link ConfinedPaths} below an fd: a symlink or a mount crossing planted in the
 * content is an error (ELOOP, EXDEV), never followed.
 */
final class V2Calls {
    private static final int CLONE = OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC;
    static final long PER_MOUNT_ATTRS = MountAttrFlags.MOUNT_ATTR_NOSUID | MountAttrFlags.MOUNT_ATTR_NODEV
            | MountAttrFlags.MOUNT_ATTR_NOEXEC | MountAttrFlags.MOUNT_ATTR__ATIME
            | MountAttrFlags.MOUNT_ATTR_NODIRATIME | MountAttrFlags.MOUNT_ATTR_NOSYMFOLLOW;

    private final Kernel kernel;
    private final ConfinedPaths paths;

    V2Calls(Kernel kernel) {
        this.kernel = kernel;
        this.paths = new ConfinedPaths(kernel);
    }

    Kernel kernel() {
        return kernel;
    }

    /** The confined path calls every stage uses; see {@link ConfinedPaths}. */
    ConfinedPaths paths() {
        return paths;
    }

    int resolve(int dirFd, RawString rel) {
        return paths.resolve(dirFd, rel);
    }

    int reach(int rootFd, RawString rel) {
        return paths.reach(rootFd, rel);
    }

    /** A detached, private, childless clone of the mount at {@code dirFd}, rooted at {@code rel} below it. */
    int cloneBeneath(int dirFd, RawString rel) {
        if (rel.isEmpty()) {
            return kernel.openTree(dirFd, RawString.EMPTY, CLONE | AtFlags.AT_EMPTY_PATH);
        }
        int at = resolve(dirFd, rel);
        try {
            return kernel.openTree(at, RawString.EMPTY, CLONE | AtFlags.AT_EMPTY_PATH);
        } finally {
            kernel.close(at);
        }
    }

    boolean ensure(int dirFd, RawString rel, boolean file) {
        return paths.ensure(dirFd, rel, file);
    }

    /** Attaches the detached mount {@code mountFd} on top of whatever {@code targetFd} is. */
    void attach(int mountFd, int targetFd) {
        kernel.moveMount(mountFd, RawString.EMPTY, targetFd, RawString.EMPTY,
                MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH
                        | MoveMountFlags.MOVE_MOUNT_T_EMPTY_PATH);
    }

    /** Sets a mount's per-mount flags other than read-only exactly as {@code msFlags} says. */
    void setPerMountFlags(int mountFd, int msFlags) {
        kernel.mountSetattr(mountFd, RawString.EMPTY, AtFlags.AT_EMPTY_PATH, perMountAttrs(msFlags), PER_MOUNT_ATTRS, 0, 0);
    }

    /**
     * The MOUNT_ATTR_* bits for {@code msFlags}' per-mount flags other than read-only, as
     * mount_setattr sets them and fsmount takes them as attr_flags.
     */
    static long perMountAttrs(int msFlags) {
        long set = 0;
        if ((msFlags & MountFlags.MS_NOSUID) != 0) {
            set |= MountAttrFlags.MOUNT_ATTR_NOSUID;
        }
        if ((msFlags & MountFlags.MS_NODEV) != 0) {
            set |= MountAttrFlags.MOUNT_ATTR_NODEV;
        }
        if ((msFlags & MountFlags.MS_NOEXEC) != 0) {
            set |= MountAttrFlags.MOUNT_ATTR_NOEXEC;
        }
        if ((msFlags & MountFlags.MS_NODIRATIME) != 0) {
            set |= MountAttrFlags.MOUNT_ATTR_NODIRATIME;
        }
        if ((msFlags & MountFlags.MS_NOSYMFOLLOW) != 0) {
            set |= MountAttrFlags.MOUNT_ATTR_NOSYMFOLLOW;
        }
        // The atime mode is one 3-bit field; no atime word in mountinfo means strictatime.
        if ((msFlags & MountFlags.MS_NOATIME) != 0) {
            set |= MountAttrFlags.MOUNT_ATTR_NOATIME;
        } else if ((msFlags & MountFlags.MS_RELATIME) == 0) {
            set |= MountAttrFlags.MOUNT_ATTR_STRICTATIME;
        }
        return set;
    }

    /**
     * Parks the detached mount {@code mountFd} on a new plain mountpoint {@code name} in the
     * work directory {@code workFd}; run in the namespace the mount is to live in.
     */
    void park(int mountFd, int workFd, RawString name) {
        kernel.mkdirat(workFd, name, 0700);
        kernel.moveMount(mountFd, RawString.EMPTY, workFd, name, MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
    }

    /** An O_PATH fd on the root of the mount parked on {@code name} in {@code workFd}; the caller closes it. */
    int openParked(int workFd, RawString name) {
        return kernel.openTree(workFd, name, OpenTreeFlags.OPEN_TREE_CLOEXEC | AtFlags.AT_SYMLINK_NOFOLLOW);
    }

    /** Moves the mount parked on {@code name} in {@code workFd} on top of whatever {@code targetFd} is. */
    void attachParked(int workFd, RawString name, int targetFd) {
        kernel.moveMount(workFd, name, targetFd, RawString.EMPTY, MoveMountFlags.MOVE_MOUNT_T_EMPTY_PATH);
    }

    /** Changes the propagation of the mount {@code mountFd} is the root of; run in its namespace. */
    void propagation(int mountFd, int msType) {
        kernel.mountSetattr(mountFd, RawString.EMPTY, AtFlags.AT_EMPTY_PATH, 0, 0, msType, 0);
    }

    /** Gives {@code to} the peer group and master of {@code from} (MOVE_MOUNT_SET_GROUP). */
    void setGroup(int from, int to) {
        kernel.moveMount(from, RawString.EMPTY, to, RawString.EMPTY,
                MoveMountFlags.MOVE_MOUNT_SET_GROUP
                        | MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH
                        | MoveMountFlags.MOVE_MOUNT_T_EMPTY_PATH);
    }
}
