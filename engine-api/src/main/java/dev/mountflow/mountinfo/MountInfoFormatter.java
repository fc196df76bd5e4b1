package dev.mountflow.mountinfo;

import dev.mountflow.model.RawString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link MountInfoEntry entries} as mountinfo lines, escaping exactly as the kernel does
 * ({@code fs/proc_namespace.c}), so that a parsed kernel text is written back byte for byte.
 */
public final class MountInfoFormatter {
    // Bytes escaped besides the backslash, as bit masks over 0..63: all of them are below 64.
    private static final long PATH = bits(' ', '\t', '\n');
    private static final long SOURCE = PATH | bits('#');
    // Commas between option words stay raw; one inside a word is escaped, as seq_show_option() does.
    private static final long OPTION_WORD = PATH | bits(',');
    private static final int FLUSH_AT = 64 * 1024;

    private MountInfoFormatter() {
    }

    /** One line, with its newline. */
    public static byte[] formatLine(MountInfoEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        appendLine(entry, out);
        return out.toByteArray();
    }

    /** All lines in order; does not close {@code out}. */
    public static void format(List<MountInfoEntry> entries, OutputStream out) throws IOException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(FLUSH_AT + 1024);
        for (MountInfoEntry entry : entries) {
            appendLine(entry, chunk);
            if (chunk.size() >= FLUSH_AT) {
                chunk.writeTo(out);
                chunk.reset();
            }
        }
        chunk.writeTo(out);
    }

    private static void appendLine(MountInfoEntry e, ByteArrayOutputStream out) {
        ascii(out, Integer.toString(e.mountId()));
        out.write(' ');
        ascii(out, Integer.toString(e.parentId()));
        out.write(' ');
        ascii(out, e.device().toString());
        out.write(' ');
        escaped(out, e.root(), PATH);
        out.write(' ');
        escaped(out, e.mountpoint(), PATH);
        out.write(' ');
        text(out, e.mountOptions());
        for (String field : e.optionalFields()) {
            out.write(' ');
            text(out, field);
        }
        out.write(' ');
        out.write('-');
        out.write(' ');
        escaped(out, RawString.of(e.fstype()), PATH);
        out.write(' ');
        escaped(out, e.source(), SOURCE);
        out.write(' ');
        List<RawString> words = e.superOptionWords();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            escaped(out, words.get(i), OPTION_WORD);
        }
        out.write('\n');
    }

    private static void escaped(ByteArrayOutputStream out, RawString text, long escapedBelow64) {
        byte[] bytes = text.toByteArray();
        int run = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\\' || b < 64 && (escapedBelow64 >>> b & 1) != 0) {
                out.write(bytes, run, i - run);
                out.write('\\');
                out.write('0' + (b >> 6));
                out.write('0' + (b >> 3 & 7));
                out.write('0' + (b & 7));
                run = i + 1;
            }
        }
        out.write(bytes, run, bytes.length - run);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static long bits(char... chars) {
        long mask = 0;
        for (char c : chars) {
            mask |= 1L << c;
        }
        return mask;
    }
}
