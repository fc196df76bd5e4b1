package dev.mountflow.plugins.common;

import dev.mountflow.model.RawString;

/**
 * A path relative to a directory fd, split where calls need it: the directory part to resolve
 * safely into an fd, and the last name the call acts on without following it.
 *
 * @param parent the part before the last {@code /}, empty for a single name
 * @param name the last name
 */
public record RelativePath(RawString parent, RawString name) {
    public static RelativePath of(RawString rel) {
        int slash = rel.length() - 1;
        while (slash >= 0 && rel.byteAt(slash) != '/') {
            slash--;
        }
        return new RelativePath(slash < 0 ? RawString.EMPTY : rel.substring(0, slash), rel.substring(slash + 1));
    }

    /**
     * {@code /proc/self/fd/N/NAME}: the name in the directory open on {@code dirFd}, for the
     * path-based calls (xattrs) an O_PATH fd does not take. The magic link is followed as a
     * directory, the name is not; only where {@code /proc} is the host's, never after pivot_root.
     */
    public static RawString viaProc(int dirFd, RawString name) {
        return RawString.of("/proc/self/fd/" + dirFd + "/").concat(name);
    }
}
