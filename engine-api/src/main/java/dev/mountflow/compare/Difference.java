package dev.mountflow.compare;

import java.util.Objects;

/**
 * One way in which an actual image is not canonically equal to the expected one, located by
 * namespace position and mount path. {@link #toString()} is one readable line:
 * <pre>
 * namespace 1 '/mnt/a': fstype expected 'tmpfs', got 'proc'
 * namespace 1 '/mnt/b': missing (expected tmpfs 'data' at root '/sub')
 * namespace 2 '/x': unexpected mount (proc 'proc')
 * namespace 1 '/mnt/p2': peer group differs: expected a peer of '/mnt/p1' (namespace 1), got private
 * namespace count expected 2, got 1
 * </pre>
 *
 * @param namespace the 1-based position of the namespace (root namespace first); 0 for a
 *     difference of the whole image
 * @param path the mount, named as in the expected image (in the actual one for an unexpected
 *     mount); null for a difference of the whole image
 * @param kind what differs
 * @param expected the expected side as the message shows it, unquoted; empty for an unexpected mount
 * @param actual the actual side as the message shows it, unquoted; empty for a missing mount
 */
public record Difference(int namespace, MountPath path, DifferenceKind kind, String expected, String actual) {
    public Difference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        if ((path == null) != (namespace == 0)) {
            throw new IllegalArgumentException("a difference has both a namespace and a path, or neither");
        }
    }

    /** A difference of the image as a whole. */
    public static Difference ofImage(DifferenceKind kind, String expected, String actual) {
        return new Difference(0, null, kind, expected, actual);
    }

    @Override
    public String toString() {
        String detail = kind.detail(expected, actual);
        return path == null ? detail : "namespace " + namespace + " " + path + ": " + detail;
    }
}
