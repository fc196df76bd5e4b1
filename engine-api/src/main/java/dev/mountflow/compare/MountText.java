package dev.mountflow.compare;

import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;

/** How differences show a mount's fields: as mountinfo and findmnt would, never as raw numbers. */
final class MountText {
    private MountText() {
    }

    /** {@code tmpfs 'data' at root '/sub', with 2 mount(s) below it}; root and count only when telling. */
    static String describe(CanonicalMount mount) {
        MountLabel label = mount.label();
        StringBuilder out = new StringBuilder(label.fstype()).append(" '").append(label.source()).append('\'');
        if (!label.root().equals(RawString.SLASH)) {
            out.append(" at root '").append(label.root()).append('\'');
        }
        if (mount.descendants() > 0) {
            out.append(", with ").append(mount.descendants()).append(" mount(s) below it");
        }
        return out.toString();
    }

    /** {@code ro,nosuid,relatime}; bits no option word stands for follow by name. */
    static String mountFlags(int flags) {
        return MountFlags.formatMountOptions(flags & MountFlags.PER_MOUNT_MASK)
                + others(flags & ~MountFlags.PER_MOUNT_MASK);
    }

    /** {@code ro,sync}; bits no option word stands for follow by name. */
    static String superblockFlags(int flags) {
        return MountFlags.formatSuperblockOptions(flags & MountFlags.SUPERBLOCK_MASK, RawString.EMPTY)
                + others(flags & ~MountFlags.SUPERBLOCK_MASK);
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String others(int bits) {
        return bits == 0 ? "" : "," + MountFlags.describe(Integer.toUnsignedLong(bits));
    }
}
