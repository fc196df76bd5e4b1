package dev.mountflow.enginev2;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Where the mounts of one superblock come from: a fresh filesystem the restore creates, the
 * operator's {@code --root} directory, or an {@code --external} path. Its mount never receives
 * children; every image mount of it is a clone of a path beneath it.
 */
final class V2Source {
    enum Kind { FRESH, ROOT, EXTERNAL }

    private final int index;
    private final Kind kind;
    private final Mount first;
    private final Path hostPath;
    private final RawString base;
    private final List<Mount> members = new ArrayList<>();
    private final Set<RawString> knownDirs = new HashSet<>();

    /**
     * @param first the first image mount of the superblock: fstype, source and options come from it
     * @param hostPath the host directory for ROOT and EXTERNAL, null for FRESH
     * @param base the superblock path the source's root shows ({@code /} for a fresh filesystem)
     */
    V2Source(int index, Kind kind, Mount first, Path hostPath, RawString base) {
        this.index = index;
        this.kind = kind;
        this.first = first;
        this.hostPath = hostPath;
        this.base = base;
    }

    int index() {
        return index;
    }

    Kind kind() {
        return kind;
    }

    boolean isFresh() {
        return kind == Kind.FRESH;
    }

    Mount first() {
        return first;
    }

    Path hostPath() {
        return hostPath;
    }

    RawString base() {
        return base;
    }

    List<Mount> members() {
        return members;
    }

    /** Directories of a fresh source's content known to exist (see {@link V2ContentDirs}). */
    Set<RawString> knownDirs() {
        return knownDirs;
    }

    /**
     * Whether the source's only mount is the whole of a filesystem this restore creates, so the
     * new mount is made with the member's flags and parked as the member itself: no clone, no
     * plain mountpoint for the source. Not for superblocks to be remounted read-only, which
     * happens on the source's plain mountpoint.
     */
    boolean isDirect() {
        return kind == Kind.FRESH && members.size() == 1 && relative(members.get(0).root()).isEmpty()
                && !members.get(0).deleted() && (first.superFlags() & MountFlags.MS_RDONLY) == 0;
    }

    /** The path of {@code superblockPath} below this source's root, {@code ""} for its root. */
    RawString relative(RawString superblockPath) {
        return superblockPath.relativeTo(base);
    }

    /** The name of the source's plain mountpoint in the work area. */
    RawString workName() {
        return RawString.of("src-" + index);
    }

    String describe() {
        return switch (kind) {
            case FRESH -> "fresh " + first.fstype() + " (device " + first.device() + ")";
            case ROOT -> "--root '" + hostPath + "'";
            case EXTERNAL -> "--external " + first.externalKey() + " '" + hostPath + "'";
        };
    }
}
