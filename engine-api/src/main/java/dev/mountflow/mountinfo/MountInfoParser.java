package dev.mountflow.mountinfo;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads {@code /proc/PID/mountinfo} text into {@link MountInfoEntry entries}, one per line, in the
 * kernel's order.
 *
 * <p>Works on bytes throughout, since paths and sources need not be UTF-8; only the fields that are
 * kernel words become strings. Time is linear in the input; the last line may lack its newline.
 */
public final class MountInfoParser {
    private static final int CHUNK = 64 * 1024;

    private MountInfoParser() {
    }

    /**
     * Parses all of {@code in}; does not close it.
     *
     * @throws MountInfoFormatException naming the line, field and reason of the first malformed line
     * @throws IOException when reading fails
     */
    public static List<MountInfoEntry> parse(InputStream in) throws IOException {
        return parse(in, Function.identity());
    }

    /**
     * As {@link #parse(InputStream)}, each entry turned into {@code each(entry)} as soon as its
     * line is read: while a slow source (the kernel writing mountinfo) is still producing the
     * rest, the conversion costs no extra time.
     */
    public static <T> List<T> parse(InputStream in, Function<MountInfoEntry, T> each) throws IOException {
        List<T> entries = new ArrayList<>();
        byte[] buf = new byte[CHUNK];
        int start = 0;
        int scanned = 0;
        int end = 0;
        int line = 0;
        while (true) {
            int newline = indexOfNewline(buf, scanned, end);
            if (newline >= 0) {
                entries.add(each.apply(MountInfoLineParser.parse(buf, start, newline, ++line)));
                start = newline + 1;
                scanned = start;
                continue;
            }
            // The unfinished line moves to the front once; after that it only grows in place.
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            scanned = end;
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                if (end > 0) {
                    entries.add(each.apply(MountInfoLineParser.parse(buf, 0, end, ++line)));
                }
                return entries;
            }
            end += n;
        }
    }

    private static int indexOfNewline(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
