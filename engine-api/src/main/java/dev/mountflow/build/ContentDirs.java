package dev.mountflow.build;

import dev.mountflow.model.RawString;
import java.util.Set;

/**
 * Directories below the root of one filesystem the restore creates, resolved once and reused
 * while consecutive paths share their directory ({@code flat/1}, {@code flat/2}…): one fd at a
 * time, closed when the directory changes and by {@link #close()}. Missing directories are
 * created first and looked up after, since in such a filesystem only the restore's own
 * directories exist; the source's set of directories known to exist saves the failed creations.
 */
public final class ContentDirs implements AutoCloseable {
    private final ConfinedPaths paths;
    private final OwnedFds fds;
    private final int rootFd;
    private final Set<RawString> known;
    private RawString dir;
    private OwnedFds.Owned dirFd;

    public ContentDirs(ConfinedPaths paths, OwnedFds fds, int rootFd, Set<RawString> known) {
        this.paths = paths;
        this.fds = fds;
        this.rootFd = rootFd;
        this.known = known;
    }

    /** The last name of {@code rel}. */
    public static RawString name(RawString rel) {
        return rel.substring(lastSlash(rel) + 1);
    }

    /** An fd on the directory holding {@code rel}'s last name, its missing directories created. */
    public int parentOf(RawString rel) {
        int slash = lastSlash(rel);
        if (slash < 0) {
            return rootFd;
        }
        RawString parent = rel.substring(0, slash);
        if (!parent.equals(dir)) {
            close();
            dirFd = fds.own("directory '" + parent + "'", open(parent));
            dir = parent;
        }
        return dirFd.fd();
    }

    /** Resolves {@code path} from its longest known prefix, creating each directory after it. */
    private int open(RawString path) {
        if (known.contains(path)) {
            return paths.resolve(rootFd, path);
        }
        int slash = lastSlash(path);
        int at = slash < 0 ? rootFd : open(path.substring(0, slash));
        try {
            RawString name = path.substring(slash + 1);
            paths.create(at, name, false);
            known.add(path);
            return paths.resolve(at, name);
        } finally {
            if (at != rootFd) {
                paths.kernel().close(at);
            }
        }
    }

    /** Makes {@code rel} exist, creating it (an empty file when {@code file}); returns whether it was created. */
    public boolean create(RawString rel, boolean file) {
        if (!file && known.contains(rel)) {
            // Made or resolved as a directory by this restore already: a failed mkdirat (and its
            // exception) and a confined lookup saved, e.g. for /b after /b/1 in the same source.
            return false;
        }
        boolean created = paths.create(parentOf(rel), name(rel), file);
        if (!file) {
            known.add(rel);
        }
        return created;
    }

    private static int lastSlash(RawString rel) {
        int i = rel.length() - 1;
        while (i >= 0 && rel.byteAt(i) != '/') {
            i--;
        }
        return i;
    }

    @Override
    public void close() {
        if (dirFd != null) {
            dirFd.close();
            dirFd = null;
            dir = null;
        }
    }
}
