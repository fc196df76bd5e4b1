package dev.mountflow.compare;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import java.util.Comparator;

/**
 * What a mount is, apart from numbers: the fields canonical comparison holds equal (DESIGN.md §6).
 * Ids, devices and group numbers are left out because they are renamed, not compared; the external
 * key is left out because a restored mount does not carry it.
 *
 * @param mountpoint where the mount sits
 * @param root the path inside the superblock that the mount shows
 * @param fstype the filesystem type
 * @param source the mount source
 * @param flags per-mount {@code MS_*} bits
 * @param superFlags superblock {@code MS_*} bits
 * @param options the remaining superblock options, as the kernel rendered them
 * @param unbindable whether the mount is unbindable
 * @param deleted whether the mount's root had been deleted
 */
public record MountLabel(
        RawString mountpoint,
        RawString root,
        String fstype,
        RawString source,
        int flags,
        int superFlags,
        RawString options,
        boolean unbindable,
        boolean deleted) {

    /** Mountpoint first, so that siblings sort by path; the other fields only break ties. */
    public static final Comparator<MountLabel> ORDER = Comparator.comparing(MountLabel::mountpoint)
            .thenComparing(MountLabel::root)
            .thenComparing(MountLabel::fstype)
            .thenComparing(MountLabel::source)
            .thenComparingInt(MountLabel::flags)
            .thenComparingInt(MountLabel::superFlags)
            .thenComparing(MountLabel::options)
            .thenComparing(MountLabel::unbindable)
            .thenComparing(MountLabel::deleted);

    public static MountLabel of(Mount mount) {
        return new MountLabel(mount.mountpoint(), mount.root(), mount.fstype(), mount.source(), mount.flags(),
                mount.superFlags(), mount.options(), mount.unbindable(), mount.deleted());
    }
}
