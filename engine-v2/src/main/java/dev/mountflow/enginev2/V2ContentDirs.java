package dev.mountflow.enginev2;

import dev.mountflow.model.RawString;

/**
 * Directories below the root of one filesystem the restore creates, resolved once and reused
 * while consecutive paths share their directory ({@code flat/1}, {@code flat/2}…): one fd at a
 * time, closed when the directory changes and by {@link #close()}.
 */
final class V2ContentDirs implements AutoCloseable {
    private final V2Calls calls;
    private final V2Fds fds;
    private final int rootFd;
    private RawString dir;
    private V2Fds.Owned dirFd;

    V2ContentDirs(V2Calls calls, V2Fds fds, int rootFd) {
        this.calls = calls;
        this.fds = fds;
        this.rootFd = rootFd;
    }

    /** The last name of {@code rel}. */
    static RawString name(RawString rel) {
        return rel.substring(lastSlash(rel) + 1);
    }

    /** An fd on the directory holding {@code rel}'s last name, its missing directories created. */
    int parentOf(RawString rel) {
        int slash = lastSlash(rel);
        if (slash < 0) {
            return rootFd;
        }
        RawString parent = rel.substring(0, slash);
        if (!parent.equals(dir)) {
            close();
            calls.ensure(rootFd, parent, false);
            dirFd = fds.own("directory '" + parent + "'", calls.resolve(rootFd, parent));
            dir = parent;
        }
        return dirFd.fd();
    }

    /** Makes {@code rel} exist, creating it (an empty file when {@code file}); returns whether it was created. */
    boolean create(RawString rel, boolean file) {
        return calls.create(parentOf(rel), name(rel), file);
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
