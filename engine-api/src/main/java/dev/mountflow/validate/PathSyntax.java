package dev.mountflow.validate;

import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;

/**
 * What keeps a path from being canonical: paths are compared byte-wise and resolved component by
 * component, so {@code /a/./b}, {@code /a//b} or {@code /a/} would defeat the "under its parent"
 * test, and {@code ..} could climb out of a mount.
 */
final class PathSyntax {
    static final String EMPTY = "empty";
    static final String RELATIVE = "relative";
    static final String NUL = "NUL byte";
    static final String DOUBLE_SLASH = "'//'";
    static final String DOT = "'.' component";
    static final String DOT_DOT = "'..' component";
    static final String TRAILING_SLASH = "trailing '/'";

    private PathSyntax() {
    }

    static boolean isCanonical(RawString path) {
        return defects(path).isEmpty();
    }

    /** The defects of {@code path} in a fixed order; empty for a canonical absolute path. */
    static List<String> defects(RawString path) {
        List<String> found = new ArrayList<>();
        if (path.isEmpty()) {
            found.add(EMPTY);
            return found;
        }
        boolean absolute = path.byteAt(0) == '/';
        boolean doubleSlash = false;
        boolean dot = false;
        boolean dotDot = false;
        boolean trailing = false;
        int n = path.length();
        int from = absolute ? 1 : 0;
        while (from <= n && !(absolute && n == 1)) {
            int to = from;
            while (to < n && path.byteAt(to) != '/') {
                to++;
            }
            int length = to - from;
            if (length == 0) {
                if (to == n) {
                    trailing = true;
                } else {
                    doubleSlash = true;
                }
            } else if (length == 1 && path.byteAt(from) == '.') {
                dot = true;
            } else if (length == 2 && path.byteAt(from) == '.' && path.byteAt(from + 1) == '.') {
                dotDot = true;
            }
            from = to + 1;
        }
        addIf(found, !absolute, RELATIVE);
        addIf(found, path.contains((byte) 0), NUL);
        addIf(found, doubleSlash, DOUBLE_SLASH);
        addIf(found, dot, DOT);
        addIf(found, dotDot, DOT_DOT);
        addIf(found, trailing, TRAILING_SLASH);
        return found;
    }

    /** The first component longer than {@code limit} bytes, or null. */
    static RawString longComponent(RawString path, int limit) {
        int from = 0;
        int n = path.length();
        while (from < n) {
            int to = from;
            while (to < n && path.byteAt(to) != '/') {
                to++;
            }
            if (to - from > limit) {
                return path.substring(from, to);
            }
            from = to + 1;
        }
        return null;
    }

    private static void addIf(List<String> found, boolean present, String defect) {
        if (present) {
            found.add(defect);
        }
    }
}
