package dev.mountflow.bench;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.FsContextFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.OpenTreeFlags;
import dev.mountflow.spi.UmountFlags;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The self-test restorer's mounts of one namespace: each created detached (fsmount of a fresh
 * tmpfs, or an open_tree clone of a directory of one), then moved under its parent and the root
 * pivoted in. Holds one O_PATH fd per mount until {@link #close}, so the harness needs an
 * open-file limit above the mount count.
 */
final class DetachedTree implements AutoCloseable {
    /** Where the assembled root is attached before pivot_root; hidden from the host by the namespace. */
    private static final RawString ATTACH_POINT = RawString.of("/mnt");
    private static final RawString PUT_OLD = RawString.of(".mountflow-bench-old");
    private static final RawString SLASH = RawString.SLASH;
    private static final int DIR_MODE = 0755;

    private record Directory(DeviceId device, RawString path) {
    }

    private final Kernel kernel;
    private final Map<Integer, Integer> fds = new HashMap<>();
    /** Directories made so far; a fresh tmpfs holds only these, so no mkdir can meet EEXIST. */
    private final Set<Directory> made = new HashSet<>();

    DetachedTree(Kernel kernel) {
        this.kernel = kernel;
    }

    /** The O_PATH fd of mount {@code id}, valid until {@link #close}. */
    int fd(int id) {
        Integer fd = fds.get(id);
        if (fd == null) {
            throw new IllegalStateException("mount " + id + " was not created");
        }
        return fd;
    }

    /**
     * Creates every mount detached and private: a new tmpfs for the first mount of each device
     * that shows the superblock's root, a clone of a directory of that one for each other mount,
     * the directory made first as the tmpfs content plugin would have.
     */
    void populate(MountNamespace ns) {
        Map<DeviceId, Mount> whole = new HashMap<>();
        for (Mount m : ns.mounts()) {
            if (m.root().equals(SLASH) && !whole.containsKey(m.device())) {
                whole.put(m.device(), m);
                fds.put(m.id(), freshTmpfs(m));
            }
        }
        for (Mount m : ns.mounts()) {
            if (fds.containsKey(m.id())) {
                continue;
            }
            Mount source = whole.get(m.device());
            if (source == null) {
                throw new UnsupportedOperationException(m.label() + ": no mount of device " + m.device()
                        + " shows its root, and the self-test restorer binds only from one that does");
            }
            RawString rel = m.root().relativeTo(SLASH);
            int from = fd(source.id());
            makeDirectories(from, m.device(), SLASH, rel);
            fds.put(m.id(), kernel.openTree(from, rel, OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC
                            | (rel.isEmpty() ? AtFlags.AT_EMPTY_PATH : 0)));
        }
    }

    /**
     * Moves each mount onto its mountpoint in its parent, parents first, then attaches the root
     * on {@link #ATTACH_POINT}, pivots into it and detaches the copied host tree, so the namespace
     * holds exactly the image's mounts.
     */
    void assemble(MountNamespace ns) {
        Map<Integer, Mount> byId = new HashMap<>();
        Map<Integer, List<Mount>> children = new HashMap<>();
        for (Mount m : ns.mounts()) {
            byId.put(m.id(), m);
        }
        Mount root = null;
        for (Mount m : ns.mounts()) {
            if (byId.containsKey(m.parentId()) && m.parentId() != m.id()) {
                children.computeIfAbsent(m.parentId(), k -> new ArrayList<>()).add(m);
            } else if (root == null) {
                root = m;
            }
        }
        if (root == null) {
            throw new IllegalArgumentException("namespace " + ns.id() + " has no root mount");
        }
        // Breadth first, iteratively: a parent is always in place before its children.
        ArrayDeque<Mount> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Mount parent = queue.poll();
            for (Mount child : children.getOrDefault(parent.id(), List.of())) {
                attach(parent, child);
                queue.add(child);
            }
        }
        pivotInto(fd(root.id()));
    }

    private void attach(Mount parent, Mount child) {
        RawString rel = child.mountpoint().relativeTo(parent.mountpoint());
        int to = fd(parent.id());
        makeDirectories(to, parent.device(), parent.root(), rel);
        int flags = MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH | (rel.isEmpty() ? MoveMountFlags.MOVE_MOUNT_T_EMPTY_PATH : 0);
        kernel.moveMount(fd(child.id()), RawString.EMPTY, to, rel, flags);
    }

    private void pivotInto(int rootFd) {
        kernel.mkdirat(rootFd, PUT_OLD, DIR_MODE);
        kernel.moveMount(rootFd, RawString.EMPTY, AtFlags.AT_FDCWD, ATTACH_POINT, MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
        kernel.pivotRoot(ATTACH_POINT, ATTACH_POINT.resolve(PUT_OLD));
        RawString old = SLASH.resolve(PUT_OLD);
        kernel.umount2(old, UmountFlags.MNT_DETACH);
        kernel.unlinkat(AtFlags.AT_FDCWD, old, AtFlags.AT_REMOVEDIR);
    }

    /** mkdir -p of {@code rel} below the mount {@code dirFd}, whose root is {@code root} in its superblock. */
    private void makeDirectories(int dirFd, DeviceId device, RawString root, RawString rel) {
        int from = 0;
        while (from < rel.length()) {
            int to = from;
            while (to < rel.length() && rel.byteAt(to) != '/') {
                to++;
            }
            RawString prefix = rel.substring(0, to);
            if (made.add(new Directory(device, root.resolve(prefix)))) {
                kernel.mkdirat(dirFd, prefix, DIR_MODE);
            }
            from = to + 1;
        }
    }

    private int freshTmpfs(Mount m) {
        if (!m.fstype().equals("tmpfs")) {
            throw new UnsupportedOperationException(m.label() + ": type '" + m.fstype()
                    + "', but the self-test restorer makes only tmpfs");
        }
        int context = kernel.fsopen("tmpfs", FsContextFlags.FSOPEN_CLOEXEC);
        try {
            kernel.fsconfig(context, FsContextFlags.FSCONFIG_SET_STRING, "source", m.source(), 0);
            for (String word : m.options().utf8().split(",")) {
                if (!word.isEmpty()) {
                    int eq = word.indexOf('=');
                    kernel.fsconfig(context, FsContextFlags.FSCONFIG_SET_STRING, eq < 0 ? word : word.substring(0, eq),
                            eq < 0 ? null : RawString.of(word.substring(eq + 1)), 0);
                }
            }
            kernel.fsconfig(context, FsContextFlags.FSCONFIG_CMD_CREATE, null, null, 0);
            return kernel.fsmount(context, FsContextFlags.FSMOUNT_CLOEXEC, attributes(m.flags()));
        } finally {
            kernel.close(context);
        }
    }

    private static int attributes(int flags) {
        long attrs = MountAttrFlags.MOUNT_ATTR_RELATIME;
        if ((flags & MountFlags.MS_RDONLY) != 0) {
            attrs |= MountAttrFlags.MOUNT_ATTR_RDONLY;
        }
        if ((flags & MountFlags.MS_NOSUID) != 0) {
            attrs |= MountAttrFlags.MOUNT_ATTR_NOSUID;
        }
        if ((flags & MountFlags.MS_NODEV) != 0) {
            attrs |= MountAttrFlags.MOUNT_ATTR_NODEV;
        }
        if ((flags & MountFlags.MS_NOEXEC) != 0) {
            attrs |= MountAttrFlags.MOUNT_ATTR_NOEXEC;
        }
        if ((flags & MountFlags.MS_NODIRATIME) != 0) {
            attrs |= MountAttrFlags.MOUNT_ATTR_NODIRATIME;
        }
        if ((flags & MountFlags.MS_NOSYMFOLLOW) != 0) {
            attrs |= MountAttrFlags.MOUNT_ATTR_NOSYMFOLLOW;
        }
        if ((flags & MountFlags.MS_NOATIME) != 0) {
            attrs |= MountAttrFlags.MOUNT_ATTR_NOATIME;
        } else if ((flags & MountFlags.MS_STRICTATIME) != 0 || (flags & MountFlags.MS_RELATIME) == 0) {
            attrs |= MountAttrFlags.MOUNT_ATTR_STRICTATIME;
        }
        return (int) attrs;
    }

    /** Closes every mount fd; a detached mount goes with its last fd, an attached one stays with its namespace. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (int fd : fds.values()) {
            try {
                kernel.close(fd);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        fds.clear();
        if (first != null) {
            throw first;
        }
    }
}
