package dev.mountflow.mountinfo;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of {@code /proc/PID/mountinfo}, kept exactly as the kernel wrote it so that
 * {@link MountInfoFormatter} reproduces the line byte for byte.
 *
 * <p>The line format (proc(5)), fields separated by single spaces:
 * <pre>
 * 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 * (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
 * </pre>
 * (1) mount id, (2) parent id, (3) {@code major:minor} of the superblock's device, (4) root: the
 * path inside the filesystem that is the root of this mount, (5) mount point, relative to the
 * reading process's root, (6) per-mount options, (7) zero or more optional fields {@code tag[:value]}
 * ({@code shared:N}, {@code master:N}, {@code propagate_from:N}, {@code unbindable}), (8) a single
 * {@code -}, (9) filesystem type ({@code type[.subtype]}), (10) mount source, which may be empty,
 * (11) superblock options.
 *
 * <p>The kernel escapes space, tab, newline and backslash as three-digit octal ({@code \040},
 * {@code \011}, {@code \012}, {@code \134}) in root, mount point, type, source and each superblock
 * option word; the source also escapes {@code #} ({@code \043}) and option words also {@code ,}
 * ({@code \054}). Fields of this record hold the decoded bytes. The superblock options are kept as
 * words because a decoded comma inside a word (an overlayfs {@code lowerdir} with a comma in its
 * path) could not be told from a separator otherwise. A root that was deleted from its filesystem
 * carries the kernel's marker, {@code //deleted}, here; {@link #toMount()} takes it off.
 *
 * @param mountId field 1
 * @param parentId field 2; the root mount of a namespace has a parent outside it (or itself)
 * @param device field 3
 * @param root field 4, decoded, with any deleted marker
 * @param mountpoint field 5, decoded
 * @param mountOptions field 6 verbatim, e.g. {@code rw,nosuid,relatime}
 * @param optionalFields field 7, each tag verbatim and in order; unknown tags are kept
 * @param fstype field 9, decoded
 * @param source field 10, decoded; empty when the mount has no source
 * @param superOptionWords field 11 split at its unescaped commas, each word decoded
 */
public record MountInfoEntry(
        int mountId,
        int parentId,
        DeviceId device,
        RawString root,
        RawString mountpoint,
        String mountOptions,
        List<String> optionalFields,
        String fstype,
        RawString source,
        List<RawString> superOptionWords) {

    private static final RawString COMMA = RawString.of(",");
    private static final RawString DELETED_MARKER = RawString.of("//deleted");
    // d_path()'s marker (as in /proc/PID/maps); mountinfo uses dentry_path()'s "//deleted", but text
    // from tools that render the root with d_path() carries this one.
    private static final RawString DELETED_SUFFIX = RawString.of(" (deleted)");

    /**
     * Checks what a line needs to be written and read back unchanged.
     *
     * @throws IllegalArgumentException for negative ids, an empty root, mount point, option or type
     *     field, whitespace in the verbatim fields, or a malformed known optional field
     */
    public MountInfoEntry {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(mountpoint, "mountpoint");
        Objects.requireNonNull(mountOptions, "mountOptions");
        Objects.requireNonNull(fstype, "fstype");
        Objects.requireNonNull(source, "source");
        optionalFields = List.copyOf(optionalFields);
        superOptionWords = List.copyOf(superOptionWords);
        if (mountId < 0 || parentId < 0) {
            throw new IllegalArgumentException(
                    "mount id " + mountId + " or parent id " + parentId + " is negative");
        }
        if (root.isEmpty() || mountpoint.isEmpty() || fstype.isEmpty() || superOptionWords.isEmpty()) {
            throw new IllegalArgumentException(
                    "mount " + mountId + ": root, mount point, type and super options must not be empty");
        }
        if (mountOptions.isEmpty() || OptionalFields.containsWhitespace(mountOptions)) {
            throw new IllegalArgumentException(
                    "mount " + mountId + ": mount options '" + mountOptions + "' are empty or hold whitespace");
        }
        String problem = OptionalFields.problem(optionalFields);
        if (problem != null) {
            throw new IllegalArgumentException("mount " + mountId + ": optional fields: " + problem);
        }
    }

    /**
     * An entry from superblock options as one decoded text; splits it at every comma, so it suits
     * options whose words hold no comma themselves.
     */
    public MountInfoEntry(int mountId, int parentId, DeviceId device, RawString root, RawString mountpoint,
            String mountOptions, List<String> optionalFields, String fstype, RawString source,
            RawString superOptions) {
        this(mountId, parentId, device, root, mountpoint, mountOptions, optionalFields, fstype, source,
                splitWords(superOptions));
    }

    /** The superblock options as one decoded text, words joined by commas. */
    public RawString superOptions() {
        RawString joined = superOptionWords.get(0);
        for (int i = 1; i < superOptionWords.size(); i++) {
            joined = joined.concat(COMMA).concat(superOptionWords.get(i));
        }
        return joined;
    }

    /** The peer group this mount belongs to ({@code shared:N}), 0 when not shared. */
    public int sharedId() {
        return OptionalFields.number(optionalFields, OptionalFields.SHARED);
    }

    /** The peer group this mount receives propagation from ({@code master:N}), 0 when not a slave. */
    public int masterId() {
        return OptionalFields.number(optionalFields, OptionalFields.MASTER);
    }

    /**
     * The nearest peer group visible from the reader's root that propagates to this slave
     * ({@code propagate_from:N}), 0 when the kernel did not print one: it does only when the master
     * group itself has no member visible from there.
     */
    public int propagateFrom() {
        return OptionalFields.number(optionalFields, OptionalFields.PROPAGATE_FROM);
    }

    public boolean isUnbindable() {
        return optionalFields.contains(OptionalFields.UNBINDABLE);
    }

    /**
     * The model mount of this line: deleted marker taken off the root, options parsed into flags;
     * not external. {@code propagate_from} and unknown optional fields have no place in the model
     * and are dropped, as is the difference between a comma inside a superblock option word and a
     * separator.
     *
     * @throws IllegalArgumentException naming this mount and the option word when the per-mount
     *     options hold a word that flags cannot express (e.g. {@code idmapped})
     */
    public Mount toMount() {
        int flags;
        try {
            flags = MountFlags.parseMountOptions(mountOptions);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mount " + mountId + " '" + mountpoint + "': " + e.getMessage(), e);
        }
        MountFlags.SuperblockOptions sb = MountFlags.parseSuperblockOptions(superOptions());
        int marker = deletedMarkerLength(root);
        return new Mount(mountId, parentId, device, root.substring(0, root.length() - marker), mountpoint,
                fstype, source, flags, sb.flags(), sb.options(), sharedId(), masterId(), isUnbindable(),
                marker > 0, null);
    }

    /**
     * The line mountinfo shows for {@code mount}: the deleted marker put back on the root, optional
     * fields in the kernel's order ({@code shared}, {@code master}, {@code unbindable}). The external
     * key is not part of mountinfo and is left out.
     */
    public static MountInfoEntry fromMount(Mount mount) {
        List<String> optional = new ArrayList<>(3);
        if (mount.sharedId() != 0) {
            optional.add(OptionalFields.SHARED + mount.sharedId());
        }
        if (mount.masterId() != 0) {
            optional.add(OptionalFields.MASTER + mount.masterId());
        }
        if (mount.unbindable()) {
            optional.add(OptionalFields.UNBINDABLE);
        }
        RawString root = mount.deleted() ? mount.root().concat(DELETED_MARKER) : mount.root();
        return new MountInfoEntry(mount.id(), mount.parentId(), mount.device(), root, mount.mountpoint(),
                MountFlags.formatMountOptions(mount.flags()), optional, mount.fstype(), mount.source(),
                MountFlags.formatSuperblockOptions(mount.superFlags(), mount.options()));
    }

    private static int deletedMarkerLength(RawString root) {
        for (RawString marker : new RawString[] {DELETED_MARKER, DELETED_SUFFIX}) {
            if (root.length() > marker.length() && root.endsWith(marker)) {
                return marker.length();
            }
        }
        return 0;
    }

    private static List<RawString> splitWords(RawString text) {
        List<RawString> words = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.byteAt(i) == ',') {
                words.add(text.substring(from, i));
                from = i + 1;
            }
        }
        words.add(text.substring(from));
        return words;
    }
}
