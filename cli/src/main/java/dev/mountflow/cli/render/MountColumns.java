package dev.mountflow.cli.render;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;

/** How one mount's fields read in a table: findmnt's conventions, with mountinfo's sharing tags. */
final class MountColumns {
    private MountColumns() {
    }

    /** {@code source[/root]} for a mount that shows part of its filesystem, as findmnt does. */
    static String source(Mount m) {
        String source = m.source().isEmpty() ? "none" : m.source().toString();
        if (m.root().equals(RawString.SLASH) && !m.deleted()) {
            return source;
        }
        return source + "[" + m.root() + (m.deleted() ? " (deleted)" : "") + "]";
    }

    /** Per-mount options, then the superblock's own words (its ro/rw only when it differs). */
    static String options(Mount m) {
        StringBuilder out = new StringBuilder(MountFlags.formatMountOptions(m.flags()));
        RawString sb = MountFlags.formatSuperblockOptions(m.superFlags(), m.options());
        String sbText = sb.toString();
        boolean sbReadOnly = (m.superFlags() & MountFlags.MS_RDONLY) != 0;
        String rest = sbText.substring(2);
        if (sbReadOnly && !m.isReadOnly()) {
            out.append(",sb-ro");
        }
        out.append(rest);
        return out.toString();
    }

    /** {@code shared:N}, {@code master:N}, both, or {@code private}; then {@code unbindable}. */
    static String propagation(Mount m) {
        StringBuilder out = new StringBuilder();
        if (m.isShared()) {
            out.append("shared:").append(m.sharedId());
        }
        if (m.isSlave()) {
            out.append(out.length() > 0 ? "," : "").append("master:").append(m.masterId());
        }
        if (out.length() == 0) {
            out.append("private");
        }
        if (m.unbindable()) {
            out.append(",unbindable");
        }
        if (m.isExternal()) {
            out.append(",external:").append(m.externalKey());
        }
        return out.toString();
    }
}
