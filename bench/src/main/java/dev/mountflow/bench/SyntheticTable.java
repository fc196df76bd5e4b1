package dev.mountflow.bench;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the mounts of one synthetic namespace in mountinfo order, handing out mount ids and
 * tmpfs devices the way the kernel would: ids increase, each new superblock gets the next
 * anonymous device {@code 0:N}, and every mount reads as a fresh tmpfs does in mountinfo.
 */
final class SyntheticTable {
    /** What mountinfo shows for each mount: {@code rw,relatime - tmpfs bench rw,size=1024k,mode=755}. */
    static final String SOURCE = "bench";
    static final String OPTIONS = "size=1024k,mode=755";
    static final int FLAGS = MountFlags.parseMountOptions("rw,relatime");

    /** The root's parent is a mount of the namespace the restore started from, as after pivot_root. */
    private static final int OUTSIDE_PARENT_ID = 1;
    private static final int FIRST_MOUNT_ID = 2;
    private static final int FIRST_DEVICE_MINOR = 100;

    private final List<Mount> mounts = new ArrayList<>();
    private int nextDeviceMinor = FIRST_DEVICE_MINOR;

    DeviceId newSuperblock() {
        return new DeviceId(0, nextDeviceMinor++);
    }

    /** Adds the namespace's root: a fresh tmpfs on {@code /}. */
    int root() {
        return add(OUTSIDE_PARENT_ID, newSuperblock(), "/", "/", 0, 0);
    }

    /** Adds a mount and returns its id. */
    int add(int parentId, DeviceId device, String root, String mountpoint, int sharedId, int masterId) {
        int id = FIRST_MOUNT_ID + mounts.size();
        mounts.add(new Mount(id, parentId, device, RawString.of(root), RawString.of(mountpoint), "tmpfs",
                RawString.of(SOURCE), FLAGS, 0, RawString.of(OPTIONS), sharedId, masterId, false, false, null));
        return id;
    }

    List<Mount> mounts() {
        return mounts;
    }
}
