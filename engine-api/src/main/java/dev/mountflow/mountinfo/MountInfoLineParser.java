package dev.mountflow.mountinfo;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.RawString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits one mountinfo line (without its newline) into fields and decodes them. */
final class MountInfoLineParser {
    private static final int NOT_A_NUMBER = -1;
    private static final int TOO_LARGE = -2;

    private final byte[] buf;
    private final int end;
    private final int line;
    /** Start of the next field; {@code end + 1} once the last field has been taken. */
    private int pos;
    private int fieldStart;
    private int fieldEnd;

    private MountInfoLineParser(byte[] buf, int from, int to, int line) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
        this.line = line;
    }

    static MountInfoEntry parse(byte[] buf, int from, int to, int line) {
        if (from == to) {
            throw new MountInfoFormatException("mountinfo line " + line + ": the line is empty");
        }
        return new MountInfoLineParser(buf, from, to, line).entry();
    }

    private MountInfoEntry entry() {
        int mountId = number("mount id");
        int parentId = number("parent id");
        DeviceId device = device();
        RawString root = decoded("root");
        RawString mountpoint = decoded("mount point");
        String mountOptions = word("mount options");
        List<String> optionalFields = optionalFields();
        String fstype = text(decoded("filesystem type"), "filesystem type");
        next("mount source");
        RawString source = decode(fieldStart, fieldEnd, "mount source");
        List<RawString> superOptions = superOptionWords();
        return new MountInfoEntry(mountId, parentId, device, root, mountpoint, mountOptions, optionalFields,
                fstype, source, superOptions);
    }

    /** Moves to the next space-separated field; an empty field is allowed here, not a missing one. */
    private void next(String field) {
        if (pos > end) {
            throw MountInfoFormatException.at(line, field, "missing");
        }
        fieldStart = pos;
        int i = pos;
        while (i < end && buf[i] != ' ') {
            i++;
        }
        fieldEnd = i;
        pos = i + 1;
    }

    private void nextNonEmpty(String field) {
        next(field);
        if (fieldStart == fieldEnd) {
            throw MountInfoFormatException.at(line, field, "empty");
        }
    }

    private int number(String field) {
        nextNonEmpty(field);
        int value = parseDecimal(fieldStart, fieldEnd);
        if (value == NOT_A_NUMBER) {
            throw MountInfoFormatException.at(line, field, quoted(fieldStart, fieldEnd) + " is not a number");
        }
        if (value == TOO_LARGE) {
            throw MountInfoFormatException.at(line, field, quoted(fieldStart, fieldEnd) + " is out of range");
        }
        return value;
    }

    private DeviceId device() {
        String field = "major:minor";
        nextNonEmpty(field);
        int colon = fieldStart;
        while (colon < fieldEnd && buf[colon] != ':') {
            colon++;
        }
        int major = parseDecimal(fieldStart, colon);
        int minor = colon < fieldEnd ? parseDecimal(colon + 1, fieldEnd) : NOT_A_NUMBER;
        if (major == NOT_A_NUMBER || minor == NOT_A_NUMBER) {
            throw MountInfoFormatException.at(line, field, quoted(fieldStart, fieldEnd) + " is not major:minor");
        }
        try {
            return new DeviceId(major, minor);
        } catch (IllegalArgumentException e) {
            throw MountInfoFormatException.at(line, field, quoted(fieldStart, fieldEnd) + " is out of range");
        }
    }

    private String word(String field) {
        nextNonEmpty(field);
        return text(fieldStart, fieldEnd, field);
    }

    private List<String> optionalFields() {
        String field = "optional fields";
        List<String> fields = new ArrayList<>(2);
        while (true) {
            if (pos > end) {
                throw MountInfoFormatException.at(line, "separator", "missing");
            }
            nextNonEmpty(field);
            if (fieldEnd - fieldStart == 1 && buf[fieldStart] == '-') {
                break;
            }
            fields.add(text(fieldStart, fieldEnd, field));
        }
        String problem = OptionalFields.problem(fields);
        if (problem != null) {
            throw MountInfoFormatException.at(line, field, problem);
        }
        return fields;
    }

    private RawString decoded(String field) {
        nextNonEmpty(field);
        return decode(fieldStart, fieldEnd, field);
    }

    /**
     * The last field runs to the end of the line: spaces in it are escaped by the kernel, so a raw
     * one can only come from a filesystem that printed its options unescaped, and is kept.
     */
    private List<RawString> superOptionWords() {
        String field = "super options";
        if (pos > end) {
            throw MountInfoFormatException.at(line, field, "missing");
        }
        if (pos == end) {
            throw MountInfoFormatException.at(line, field, "empty");
        }
        List<RawString> words = new ArrayList<>();
        int wordStart = pos;
        for (int i = pos; i <= end; i++) {
            if (i == end || buf[i] == ',') {
                words.add(decode(wordStart, i, field));
                wordStart = i + 1;
            }
        }
        pos = end + 1;
        return words;
    }

    /** The bytes from {@code from} to {@code to} with every backslash and three octal digits decoded. */
    private RawString decode(int from, int to, String field) {
        int backslash = from;
        while (backslash < to && buf[backslash] != '\\') {
            backslash++;
        }
        if (backslash == to) {
            return RawString.of(buf, from, to);
        }
        byte[] out = new byte[to - from];
        int n = backslash - from;
        System.arraycopy(buf, from, out, 0, n);
        for (int i = backslash; i < to; i++) {
            if (buf[i] != '\\') {
                out[n++] = buf[i];
                continue;
            }
            int value = octalEscape(i, to);
            if (value < 0) {
                RawString after = RawString.of(buf, i + 1, Math.min(i + 4, to));
                throw MountInfoFormatException.at(line, field,
                        "'\\" + after + "' is not an octal escape (\\000 to \\377)");
            }
            out[n++] = (byte) value;
            i += 3;
        }
        return RawString.of(out, 0, n);
    }

    /** The byte that {@code \ooo} at {@code at} stands for, or -1. */
    private int octalEscape(int at, int to) {
        if (at + 3 >= to) {
            return -1;
        }
        int value = 0;
        for (int k = 1; k <= 3; k++) {
            int d = buf[at + k] - '0';
            if (d < 0 || d > 7) {
                return -1;
            }
            value = value * 8 + d;
        }
        return value > 0xff ? -1 : value;
    }

    private String text(int from, int to, String field) {
        return text(buf, from, to, field);
    }

    private String text(RawString bytes, String field) {
        return text(bytes.toByteArray(), 0, bytes.length(), field);
    }

    /** Kernel words are ASCII; a fuse subtype might not be, but must at least be UTF-8 to be a String. */
    private String text(byte[] bytes, int from, int to, String field) {
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw MountInfoFormatException.at(line, field, "'" + RawString.of(bytes, from, to) + "' is not UTF-8");
        }
    }

    private int parseDecimal(int from, int to) {
        if (from == to) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_A_NUMBER;
            }
            if (value <= Integer.MAX_VALUE) {
                value = value * 10 + d;
            }
        }
        return value > Integer.MAX_VALUE ? TOO_LARGE : (int) value;
    }

    /** The raw bytes in single quotes, rendered printable for a message. */
    private String quoted(int from, int to) {
        return "'" + RawString.of(buf, from, to) + "'";
    }
}
