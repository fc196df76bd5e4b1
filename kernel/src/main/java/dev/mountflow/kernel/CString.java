package dev.mountflow.kernel;

import dev.mountflow.model.RawString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** NUL-terminated byte arrays for C string arguments. */
final class CString {
    private CString() {
    }

    /**
     * The bytes of {@code s} plus a NUL, or null for null. A NUL inside would make C see a
     * shorter, different path than the one checked in Java, so it is refused.
     */
    static byte[] of(RawString s) {
        if (s == null) {
            return null;
        }
        if (s.contains((byte) 0)) {
            throw new IllegalArgumentException("path '" + s + "' contains a NUL byte");
        }
        byte[] bytes = s.toByteArray();
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    static byte[] of(String s) {
        return s == null ? null : of(RawString.of(s.getBytes(StandardCharsets.UTF_8)));
    }
}
