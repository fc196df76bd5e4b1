package dev.mountflow.enginev2;

import dev.mountflow.build.ContentSource;
import dev.mountflow.build.FreshMounts;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.FsContextFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.OpenTreeFlags;

/**
 * Opens a source as a detached mount fd: a new superblock through fsopen/fsconfig/fsmount, or a
 * non-recursive clone of a host path that does not follow a final symlink.
 */
final class V2SourceOpener {
    private final Kernel kernel;

    V2SourceOpener(Kernel kernel) {
        this.kernel = kernel;
    }

    int open(ContentSource source) {
        return open(source, 0);
    }

    /** A fresh source as its only member: the new mount carries the member's per-mount flags. */
    int openDirect(ContentSource source) {
        return open(source, (int) V2Calls.perMountAttrs(source.first().flags()));
    }

    /**
     * Whether a direct source can be mounted in place with mount(2): one call instead of the
     * fs-context calls and a move, for types whose mount always makes a new superblock.
     */
    static boolean mountsInPlace(ContentSource source) {
        return V2Restore.isDirect(source) && FreshMounts.createsOwnSuperblock(source.first().fstype());
    }

    /**
     * Mounts a direct source in place on {@code target}, the restore's own plain mountpoint in
     * its own namespace, with the member's per-mount flags and the superblock's options (but
     * read-only, which waits for remount-read-only).
     */
    void mountInPlace(ContentSource source, RawString target) {
        FreshMounts.mount(kernel, source.first(), target);
    }

    /**
     * Whether a fresh source with several members is parked with mount(2) on its plain mountpoint,
     * as {@link #mountsInPlace} mounts a direct one: types whose mount always makes a new superblock.
     */
    static boolean parksInPlace(ContentSource source) {
        return source.isFresh() && !V2Restore.isDirect(source) && FreshMounts.createsOwnSuperblock(source.first().fstype());
    }

    /**
     * Mounts a fresh source on {@code target}, the restore's own plain mountpoint in the sources
     * namespace, with the superblock's options and no per-mount flag but relatime, as fsmount
     * makes it: its clones start from those flags.
     */
    void mountSourceInPlace(ContentSource source, RawString target) {
        FreshMounts.mount(kernel, source.first(), target, MountFlags.MS_RELATIME);
    }

    private int open(ContentSource source, int attrs) {
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
            if (FreshMounts.takesOptions(m.fstype())) {
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
        for (String word : FreshMounts.superblockFlagWords(m.superFlags())) {
            kernel.fsconfig(context, FsContextFlags.FSCONFIG_SET_FLAG, word, null, 0);
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
