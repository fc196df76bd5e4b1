package dev.mountflow.propertytests;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One namespace's mount table as its thread sees it, read once from {@code /proc/<tid>/mountinfo},
 * with the mounts a path can reach: those are what a recipe's indices choose among.
 *
 * <p>A mount is visible when resolving its mountpoint from the namespace's root lands on it.
 * Resolution follows the kernel's: from the root mount, component by component, entering the top
 * of the stack of mounts on each prefix; mounts stacked on {@code /} itself are never entered,
 * because a thread's lookups start at its root and do not cross what is mounted on top of it.
 */
final class LiveTable {
    /** Names recipes give to files; directories never get them, so a mount whose root ends in one is a file mount. */
    static final Set<String> FILE_NAMES = Set.of("f", "g");

    private final List<Mount> mounts;
    private final Mount root;
    private final Map<Key, Mount> childOn = new HashMap<>();
    private final List<Mount> visible = new ArrayList<>();

    private record Key(int parentId, RawString mountpoint) {
    }

    LiveTable(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
        Set<Integer> ids = new HashSet<>();
        for (Mount m : mounts) {
            ids.add(m.id());
        }
        Mount found = null;
        for (Mount m : mounts) {
            if (found == null && (m.parentId() == m.id() || !ids.contains(m.parentId()))) {
                found = m;
            } else {
                childOn.put(new Key(m.parentId(), m.mountpoint()), m);
            }
        }
        if (found == null) {
            throw new IllegalStateException("a mount table without a root: " + mounts);
        }
        root = found;
        for (Mount m : mounts) {
            if (m == root || resolve(m.mountpoint()) == m) {
                visible.add(m);
            }
        }
    }

    static LiveTable read(Path mountinfo) {
        List<Mount> mounts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(mountinfo)) {
            for (MountInfoEntry e : MountInfoParser.parse(in)) {
                mounts.add(e.toMount());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mountinfo, e);
        }
        return new LiveTable(mounts);
    }

    List<Mount> mounts() {
        return mounts;
    }

    Mount root() {
        return root;
    }

    /** Mounts a path reaches, root first, then in mountinfo order. */
    List<Mount> visible() {
        return visible;
    }

    /** Visible mounts whose root is a directory. */
    List<Mount> visibleDirectories() {
        return visible.stream().filter(m -> !isFile(m)).toList();
    }

    /** Visible mounts other than the root. */
    List<Mount> visibleBelowRoot() {
        return visible.stream().filter(m -> m != root).toList();
    }

    Set<Integer> ids() {
        Set<Integer> ids = new HashSet<>();
        for (Mount m : mounts) {
            ids.add(m.id());
        }
        return ids;
    }

    static boolean isFile(Mount m) {
        RawString root = m.root();
        int slash = root.length() - 1;
        while (slash >= 0 && root.byteAt(slash) != '/') {
            slash--;
        }
        return FILE_NAMES.contains(root.substring(slash + 1).utf8());
    }

    /** The mount a lookup of the absolute {@code path} ends on. */
    Mount resolve(RawString path) {
        Mount at = root;
        int n = path.length();
        int from = 1;
        while (from < n) {
            int to = from;
            while (to < n && path.byteAt(to) != '/') {
                to++;
            }
            RawString prefix = path.substring(0, to);
            for (Mount up = childOn.get(new Key(at.id(), prefix)); up != null;
                 up = childOn.get(new Key(at.id(), prefix))) {
                at = up;
            }
            from = to + 1;
        }
        return at;
    }
}
