package dev.mountflow.build;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a filesystem the restore creates anew (a {@link dev.mountflow.model.FreshMountTypes} type) is
 * made with mount(2): which types always get a superblock of their own, which take their options,
 * and the per-mount and superblock flag words of the call.
 */
public final class FreshMounts {
    /**
     * Types whose new mount always makes a new superblock: proc too since Linux 5.8 (one instance
     * per mount, options per instance), found when a read-only proc came back read-write. Others
     * (sysfs, mqueue, cgroup2…) may hand back a superblock the host uses, where options would
     * reconfigure the host's mount, so those are created with their source name only.
     */
    private static final Set<String> ALWAYS_NEW = Set.of("tmpfs", "ramfs", "devpts", "proc");
    /**
     * Types whose options name which existing superblock to hand back rather than change it: a
     * cgroup v1 mount's controllers ({@code cpu}, {@code name=systemd}) select its hierarchy, and
     * without them the kernel tries to bind every controller at once and refuses with EBUSY.
     */
    private static final Set<String> OPTIONS_SELECT = Set.of("cgroup");
    private static final String[] SB_FLAG_WORDS = {"sync", "dirsync", "mand", "lazytime"};
    private static final int[] SB_FLAG_BITS = {MountFlags.MS_SYNCHRONOUS, MountFlags.MS_DIRSYNC,
        MountFlags.MS_MANDLOCK, MountFlags.MS_LAZYTIME};
    private static final int PER_MOUNT_BITS = MountFlags.MS_NOSUID | MountFlags.MS_NODEV | MountFlags.MS_NOEXEC
            | MountFlags.MS_NODIRATIME | MountFlags.MS_NOSYMFOLLOW | MountFlags.MS_NOATIME | MountFlags.MS_RELATIME;

    private FreshMounts() {
    }

    /** Whether a new mount of {@code fstype} always makes a new superblock. */
    public static boolean createsOwnSuperblock(String fstype) {
        return ALWAYS_NEW.contains(fstype);
    }

    /**
     * Whether a new filesystem of {@code fstype} holds nothing at all: tmpfs and ramfs. A new
     * proc or devpts has its own entries ({@code sys}, {@code ptmx}…) from the start.
     */
    public static boolean startsEmpty(String fstype) {
        return fstype.equals("tmpfs") || fstype.equals("ramfs");
    }

    /** Whether the superblock options of {@code fstype} are given when it is created. */
    public static boolean takesOptions(String fstype) {
        return createsOwnSuperblock(fstype) || OPTIONS_SELECT.contains(fstype);
    }

    /** The fsconfig flag words ({@code sync}, {@code lazytime}…) of a superblock's {@code MS_*} bits. */
    public static List<String> superblockFlagWords(int superFlags) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < SB_FLAG_WORDS.length; i++) {
            if ((superFlags & SB_FLAG_BITS[i]) != 0) {
                words.add(SB_FLAG_WORDS[i]);
            }
        }
        return words;
    }

    /**
     * The {@code MS_*} per-mount flags of mount(2) (new mount or {@code MS_REMOUNT|MS_BIND}) that
     * give a mount exactly {@code flags}' per-mount flags but read-only: no atime word in
     * mountinfo means strictatime, which mount(2) only keeps when asked.
     */
    public static int perMountFlags(int flags) {
        int out = flags & PER_MOUNT_BITS;
        if ((out & (MountFlags.MS_NOATIME | MountFlags.MS_RELATIME)) == 0) {
            out |= MountFlags.MS_STRICTATIME;
        }
        return out;
    }

    /**
     * Mounts the superblock of {@code m} anew on {@code target} with mount(2): the mount's per-mount
     * flags and, for types that take them, the superblock's options and flags (but read-only,
     * which waits for remount-read-only).
     */
    public static void mount(Kernel kernel, Mount m, RawString target) {
        mount(kernel, m, target, m.flags());
    }

    /** As {@link #mount(Kernel, Mount, RawString)}, with the per-mount flags of {@code mountFlags} instead of the mount's. */
    public static void mount(Kernel kernel, Mount m, RawString target, int mountFlags) {
        int flags = perMountFlags(mountFlags);
        RawString data = null;
        if (takesOptions(m.fstype())) {
            flags |= m.superFlags() & (MountFlags.MS_SYNCHRONOUS | MountFlags.MS_DIRSYNC
                    | MountFlags.MS_MANDLOCK | MountFlags.MS_LAZYTIME);
            data = m.options().isEmpty() ? null : m.options();
        }
        kernel.mount(m.source().isEmpty() ? null : m.source(), target, m.fstype(), flags, data);
    }
}
