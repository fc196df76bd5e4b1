package dev.mountflow.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable byte string exactly as the kernel gives it: paths, mount sources and options.
 *
 * <p>Linux paths are bytes, not text; keeping them as bytes end to end is what lets a mount whose
 * path holds non-UTF-8 bytes survive dump and restore. {@link #toString()} renders an unambiguous,
 * printable form ({@code \n}, {@code \t}, {@code \\}, {@code \xNN} for bytes that are not valid
 * UTF-8 or are control characters) for messages; {@link #utf8()} is the lossy text form.
 */
public final class RawString implements Comparable<RawString> {
    public static final RawString EMPTY = new RawString(new byte[0]);
    public static final RawString SLASH = of("/");

    private final byte[] bytes;
    private int hash;

    private RawString(byte[] bytes) {
        this.bytes = bytes;
    }

    public static RawString of(String text) {
        return new RawString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static RawString of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new RawString(bytes.clone());
    }

    public static RawString of(byte[] bytes, int from, int to) {
        return from == to ? EMPTY : new RawString(Arrays.copyOfRange(bytes, from, to));
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    public int indexOf(byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(byte b) {
        return indexOf(b) >= 0;
    }

    public boolean startsWith(RawString prefix) {
        return bytes.length >= prefix.bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    public boolean endsWith(RawString suffix) {
        int off = bytes.length - suffix.bytes.length;
        return off >= 0 && Arrays.equals(bytes, off, bytes.length, suffix.bytes, 0, suffix.bytes.length);
    }

    public RawString substring(int from, int to) {
        return of(bytes, from, to);
    }

    public RawString substring(int from) {
        return of(bytes, from, bytes.length);
    }

    public RawString concat(RawString other) {
        if (other.isEmpty()) {
            return this;
        }
        byte[] joined = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, joined, bytes.length, other.bytes.length);
        return new RawString(joined);
    }

    /**
     * Whether this absolute path equals {@code dir} or lies below it, component-wise:
     * {@code /a/b} is under {@code /a} and {@code /}, but not under {@code /a/bc}'s sibling {@code /a/b2}.
     */
    public boolean isPathUnder(RawString dir) {
        if (!startsWith(dir)) {
            return false;
        }
        int n = dir.bytes.length;
        return bytes.length == n || (n > 0 && dir.bytes[n - 1] == '/') || bytes[n] == '/';
    }

    /**
     * The path of this absolute path below {@code dir}, without a leading slash ({@code ""} when
     * equal). Requires {@link #isPathUnder(RawString)}.
     */
    public RawString relativeTo(RawString dir) {
        if (!isPathUnder(dir)) {
            throw new IllegalArgumentException("'" + this + "' is not under '" + dir + "'");
        }
        int from = dir.bytes.length;
        if (from < bytes.length && bytes[from] == '/') {
            from++;
        }
        return substring(from);
    }

    /**
     * Joins a relative path onto this directory path: {@code /a} + {@code b/c} = {@code /a/b/c};
     * an empty {@code rel} gives this path.
     */
    public RawString resolve(RawString rel) {
        if (rel.isEmpty()) {
            return this;
        }
        boolean slash = bytes.length > 0 && bytes[bytes.length - 1] == '/';
        return slash ? concat(rel) : concat(SLASH).concat(rel);
    }

    public boolean isValidUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The text form, with U+FFFD for bytes that are not UTF-8; lossy, for display only. */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A printable, unambiguous rendering (see the class comment). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            if (b == '\\') {
                out.append("\\\\");
                i++;
            } else if (b == '\n') {
                out.append("\\n");
                i++;
            } else if (b == '\t') {
                out.append("\\t");
                i++;
            } else if (b < 0x20 || b == 0x7f) {
                out.append(String.format("\\x%02x", b));
                i++;
            } else if (b < 0x80) {
                out.append((char) b);
                i++;
            } else {
                int len = utf8SequenceLength(i);
                if (len > 0) {
                    out.append(new String(bytes, i, len, StandardCharsets.UTF_8));
                    i += len;
                } else {
                    out.append(String.format("\\x%02x", b));
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** Length of a well-formed UTF-8 multi-byte sequence starting at {@code i}, or 0. */
    private int utf8SequenceLength(int i) {
        int b = bytes[i] & 0xff;
        int len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
        if (len == 0 || i + len > bytes.length) {
            return 0;
        }
        for (int k = 1; k < len; k++) {
            if ((bytes[i + k] & 0xc0) != 0x80) {
                return 0;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, i, len));
            return len;
        } catch (CharacterCodingException e) {
            return 0;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** Unsigned byte order, which is also the order of the paths' UTF-8 text. */
    @Override
    public int compareTo(RawString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }
}
