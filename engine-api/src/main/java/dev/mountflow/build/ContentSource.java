package dev.mountflow.build;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;

/**
 * Where the mounts of one superblock come from: a fresh filesystem the restore creates, the
 * operator's {@code --root} directory, or an {@code --external} path. Every image mount of the
 * superblock is made from the path of its root beneath the source's (a clone, or a bind).
 */
public final class ContentSource {
    public enum Kind { FRESH, ROOT, EXTERNAL }

    private final int index;
    private final Kind kind;
    private final Mount first;
    private final Path hostPath;
    private final RawString base;
    private final List<Mount> members = new ArrayList<>();
    // Concurrent: assemble clones from sources on one thread while it attaches on another.
    private final Set<RawString> knownDirs = ConcurrentHashMap.newKeySet();

    /**
     * @param first the first image mount of the superblock: fstype, source and options come from it
     * @param hostPath the host directory for ROOT and EXTERNAL, null for FRESH
     * @param base the superblock path the source's root shows ({@code /} for a fresh filesystem)
     */
    ContentSource(int index, Kind kind, Mount first, Path hostPath, RawString base) {
        this.index = index;
        this.kind = kind;
        this.first = first;
        this.hostPath = hostPath;
        this.base = base;
    }

    public int index() {
        return index;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isFresh() {
        return kind == Kind.FRESH;
    }

    public Mount first() {
        return first;
    }

    public Path hostPath() {
        return hostPath;
    }

    public RawString base() {
        return base;
    }

    public List<Mount> members() {
        return members;
    }

    /** Directories of a fresh source's content known to exist (see {@link ContentDirs}). */
    public Set<RawString> knownDirs() {
        return knownDirs;
    }

    /** The path of {@code superblockPath} below this source's root, {@code ""} for its root. */
    public RawString relative(RawString superblockPath) {
        return superblockPath.relativeTo(base);
    }

    public String describe() {
        return switch (kind) {
            case FRESH -> "fresh " + first.fstype() + " (device " + first.device() + ")";
            case ROOT -> "--root '" + hostPath + "'";
            case EXTERNAL -> "--external " + first.externalKey() + " '" + hostPath + "'";
        };
    }
}
