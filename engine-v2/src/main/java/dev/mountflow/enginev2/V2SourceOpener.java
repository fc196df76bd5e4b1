package dev.mountflow.enginev2;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.FsContextFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.OpenTreeFlags;
import java.util.Set;

/**
 * Opens a source as a detached mount fd: a new superblock through fsopen/fsconfig/fsmount, or a
 * non-recursive clone of a host path that does not follow a final symlink.
 */
final class V2SourceOpener {
    /**
     * Types whose fsopen always makes a new superblock. Others (proc, sysfs, mqueue, cgroup2…)
     * may hand back a superblock the host uses, where options would reconfigure the host's mount,
     * so those are created with their source name only.
     */
    private static final Set<String> ALWAYS_NEW = Set.of("tmpfs", "ramfs", "devpts");
    /**
     * Types whose options name which existing superblock to hand back rather than change it: a
     * cgroup v1 mount's controllers ({@code cpu}, {@code name=systemd}) select its hierarchy, and
     * without them the kernel tries to bind every controller at once and refuses with EBUSY.
     */
    private static final Set<String> OPTIONS_SELECT = Set.of("cgroup");
    private static final String[] SB_FLAG_WORDS = {"sync", "dirsync", "mand", "lazytime"};
    private static final int[] SB_FLAG_BITS = {MountFlags.MS_SYNCHRONOUS, MountFlags.MS_DIRSYNC,
        MountFlags.MS_MANDLOCK, MountFlags.MS_LAZYTIME};

    private final Kernel kernel;

    V2SourceOpener(Kernel kernel) {
        this.kernel = kernel;
    }

    static boolean createsOwnSuperblock(String fstype) {
        return ALWAYS_NEW.contains(fstype);
    }

    int open(V2Source source) {
        return open(source, 0);
    }

    /** A fresh source as its only member: the new mount carries the member's per-mount flags. */
    int openDirect(V2Source source) {
        return open(source, (int) V2Calls.perMountAttrs(source.first().flags()));
    }

    /**
     * Whether a direct source can be mounted in place with mount(2): one call instead of the
     * fs-context calls and a move, for types whose mount always makes a new superblock.
     */
    static boolean mountsInPlace(V2Source source) {
        return source.isDirect() && createsOwnSuperblock(source.first().fstype());
    }

    /**
     * Mounts a direct source in place on {@code target}, the restore's own plain mountpoint in
     * its own namespace, with the member's per-mount flags and the superblock's options (but
     * read-only, which waits for remount-read-only).
     */
    void mountInPlace(V2Source source, RawString target) {
        mountNew(source, target, source.first().flags());
    }

    /**
     * Whether a fresh source with several members is parked with mount(2) on its plain mountpoint,
     * as {@link #mountsInPlace} mounts a direct one: types whose mount always makes a new superblock.
     */
    static boolean parksInPlace(V2Source source) {
        return source.isFresh() && !source.isDirect() && createsOwnSuperblock(source.first().fstype());
    }

    /**
     * Mounts a fresh source on {@code target}, the restore's own plain mountpoint in the sources
     * namespace, with the superblock's options and no per-mount flag but relatime, as fsmount
     * makes it: its clones start from those flags.
     */
    void mountSourceInPlace(V2Source source, RawString target) {
        mountNew(source, target, MountFlags.MS_RELATIME);
    }

    private void mountNew(V2Source source, RawString target, int memberFlags) {
        Mount m = source.first();
        int flags = memberFlags & (MountFlags.MS_NOSUID | MountFlags.MS_NODEV | MountFlags.MS_NOEXEC
                | MountFlags.MS_NODIRATIME | MountFlags.MS_NOSYMFOLLOW | MountFlags.MS_NOATIME | MountFlags.MS_RELATIME);
        if ((flags & (MountFlags.MS_NOATIME | MountFlags.MS_RELATIME)) == 0) {
            flags |= MountFlags.MS_STRICTATIME;
        }
        flags |= m.superFlags() & (MountFlags.MS_SYNCHRONOUS | MountFlags.MS_DIRSYNC
                | MountFlags.MS_MANDLOCK | MountFlags.MS_LAZYTIME);
        kernel.mount(m.source().isEmpty() ? null : m.source(), target, m.fstype(), flags,
                m.options().isEmpty() ? null : m.options());
    }

    private int open(V2Source source, int attrs) {
        if (!source.isFresh()) {
            return kernel.openTree(AtFlags.AT_FDCWD, RawString.of(source.hostPath().toString()),
                    OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC | AtFlags.AT_SYMLINK_NOFOLLOW);
        }
        Mount m = source.first();
        int context = kernel.fsopen(m.fstype(), FsContextFlags.FSOPEN_CLOEXEC);
        try {
            if (!m.source().isEmpty()) {
                kernel.fsconfig(context, FsContextFlags.FSCONFIG_SET_STRING, "source", m.source(), 0);
            }
            if (createsOwnSuperblock(m.fstype()) || OPTIONS_SELECT.contains(m.fstype())) {
                configure(context, m);
            }
            kernel.fsconfig(context, FsContextFlags.FSCONFIG_CMD_CREATE, null, null, 0);
            return kernel.fsmount(context, FsContextFlags.FSMOUNT_CLOEXEC, attrs);
        } finally {
            kernel.close(context);
        }
    }

    /** Superblock options as key[=value] words; read-only waits for remount-read-only. */
    private void configure(int context, Mount m) {
        for (int i = 0; i < SB_FLAG_WORDS.length; i++) {
            if ((m.superFlags() & SB_FLAG_BITS[i]) != 0) {
                kernel.fsconfig(context, FsContextFlags.FSCONFIG_SET_FLAG, SB_FLAG_WORDS[i], null, 0);
            }
        }
        RawString options = m.options();
        int from = 0;
        while (from < options.length()) {
            int to = from;
            while (to < options.length() && options.byteAt(to) != ',') {
                to++;
            }
            RawString word = options.substring(from, to);
            int eq = word.indexOf((byte) '=');
            if (eq < 0) {
                kernel.fsconfig(context, FsContextFlags.FSCONFIG_SET_FLAG, word.utf8(), null, 0);
            } else if (eq > 0) {
                kernel.fsconfig(context, FsContextFlags.FSCONFIG_SET_STRING, word.substring(0, eq).utf8(),
                        word.substring(eq + 1), 0);
            }
            from = to + 1;
        }
    }
}
