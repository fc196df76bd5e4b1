package dev.mountflow.build;

import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Directories below the root of one filesystem the restore creates, resolved once and reused
 * while consecutive paths share them: the directories open form one chain down from the root,
 * each a prefix of the next, so {@code group/1/a} then {@code group/2/a} keeps {@code group} and
 * resolves only {@code 2} again. At most one fd per level of the deepest path, each closed when a
 * path leaves it and by {@link #close()}. Missing directories are created first and looked up
 * after, since in such a filesystem only the restore's own directories exist; the source's set of
 * directories known to exist saves the failed creations, and the longest known prefix is looked
 * up in one call.
 */
public final class ContentDirs implements AutoCloseable {
    private final ConfinedPaths paths;
    private final OwnedFds fds;
    private final int rootFd;
    private final Set<RawString> known;
    /** The open chain: {@code chain.get(i)} is a proper prefix (by components) of {@code chain.get(i + 1)}. */
    private final List<RawString> chain = new ArrayList<>();
    private final List<OwnedFds.Owned> chainFds = new ArrayList<>();

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
        return slash < 0 ? rootFd : directory(rel.substring(0, slash));
    }

    /** An fd on the directory {@code path}, opened from the deepest open directory above it. */
    private int directory(RawString path) {
        int depth = chain.size();
        while (depth > 0 && !path.isPathUnder(chain.get(depth - 1))) {
            depth--;
        }
        closeFrom(depth);
        int at = depth == 0 ? rootFd : chainFds.get(depth - 1).fd();
        int from = depth == 0 ? 0 : chain.get(depth - 1).length() + 1;
        if (from > path.length()) {
            return at;
        }
        int knownEnd = longestKnownPrefix(path, from);
        if (knownEnd > from) {
            at = push(path.substring(0, knownEnd), paths.resolve(at, path.substring(from, knownEnd)));
            from = knownEnd + 1;
        }
        while (from <= path.length()) {
            int to = nextSlash(path, from);
            RawString prefix = path.substring(0, to);
            RawString name = path.substring(from, to);
            paths.create(at, name, false);
            known.add(prefix);
            at = push(prefix, paths.resolve(at, name));
            from = to + 1;
        }
        return at;
    }

    /** The end of the longest prefix of {@code path} ending at a component after {@code from} that is known to exist; {@code from} if none. */
    private int longestKnownPrefix(RawString path, int from) {
        for (int end = path.length(); end > from; end = lastSlashBefore(path, end)) {
            if (known.contains(end == path.length() ? path : path.substring(0, end))) {
                return end;
            }
        }
        return from;
    }

    private int push(RawString path, int fd) {
        OwnedFds.Owned owned = fds.own("directory '" + path + "'", fd);
        chain.add(path);
        chainFds.add(owned);
        return fd;
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
        return lastSlashBefore(rel, rel.length());
    }

    /** The index of the last '/' before {@code end}, or -1. */
    private static int lastSlashBefore(RawString rel, int end) {
        int i = end - 1;
        while (i >= 0 && rel.byteAt(i) != '/') {
            i--;
        }
        return i;
    }

    private static int nextSlash(RawString rel, int from) {
        int i = from;
        while (i < rel.length() && rel.byteAt(i) != '/') {
            i++;
        }
        return i;
    }

    /** Closes the open directories from chain position {@code depth} down, deepest first. */
    private void closeFrom(int depth) {
        for (int i = chain.size() - 1; i >= depth; i--) {
            chainFds.remove(i).close();
            chain.remove(i);
        }
    }

    @Override
    public void close() {
        closeFrom(0);
    }
}
