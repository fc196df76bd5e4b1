package dev.mountflow.plugins.tmpfs;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.FileAttributes.FileTime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes {@link ContentEntry}s as GNU tar reads them (and CRIU writes them with
 * {@code tar --sparse --numeric-owner}): names as raw bytes (ISO-8859-1 maps each byte to one
 * char), long names in GNU long-name records, large numbers in base-256. Each entry's extended
 * attributes go in a pax header written here, not by Commons Compress, which cuts times to 100 ns:
 * {@code mtime}/{@code atime} to the nanosecond, xattrs as {@code SCHILY.xattr.NAME} (text) or
 * {@code LIBARCHIVE.xattr.NAME} (base64, any bytes), and sparse files in GNU's pax 1.0 format (a
 * map of data segments ahead of the data). The entry itself then carries whole seconds only, so
 * the library adds no pax header of its own that would shadow this one.
 */
final class TarEntryWriter implements AutoCloseable {
    /** Supplies a regular file's bytes from {@code offset}, {@code length} of them. */
    interface DataSource {
        void copy(long offset, long length, OutputStream out) throws IOException;
    }

    private static final int BLOCK = 512;
    private final TarArchiveOutputStream tar;
    private int sparseFiles;

    TarEntryWriter(OutputStream out) {
        tar = new TarArchiveOutputStream(out, StandardCharsets.ISO_8859_1.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
    }

    void write(ContentEntry e, DataSource data) throws IOException {
        Map<String, String> pax = new LinkedHashMap<>();
        pax.put("mtime", decimal(e.mtime()));
        pax.put("atime", decimal(e.atime()));
        e.xattrs().forEach((name, value) -> xattr(pax, name, value));
        String name = name(e);
        boolean sparse = e.type() == ContentEntry.Type.REGULAR && e.isSparse();
        byte[] map = null;
        if (sparse) {
            map = sparseMap(e);
            if (isAscii(e.path())) {
                pax.put("GNU.sparse.name", text(e.path()));
            }
            pax.put("GNU.sparse.major", "1");
            pax.put("GNU.sparse.minor", "0");
            pax.put("GNU.sparse.realsize", Long.toString(e.size()));
        }
        writePax(pax);
        TarArchiveEntry t = new TarArchiveEntry(sparse && isAscii(e.path())
                ? "GNUSparseFile.0/" + text(e.path()) : name, linkFlag(e), true);
        t.setMode(e.permissions());
        t.setUserId(e.uid());
        t.setGroupId(e.gid());
        t.setLastModifiedTime(java.nio.file.attribute.FileTime.from(java.time.Instant.ofEpochSecond(e.mtime().seconds())));
        switch (e.type()) {
            case SYMLINK, HARDLINK -> t.setLinkName(text(e.linkTarget()));
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                t.setDevMajor(e.devMajor());
                t.setDevMinor(e.devMinor());
            }
            default -> { }
        }
        long stored = 0;
        for (ContentEntry.Segment s : e.data()) {
            stored += s.length();
        }
        if (e.type() == ContentEntry.Type.REGULAR) {
            t.setSize(sparse ? map.length + stored : e.size());
        }
        tar.putArchiveEntry(t);
        if (e.type() == ContentEntry.Type.REGULAR) {
            if (sparse) {
                tar.write(map);
            }
            for (ContentEntry.Segment s : e.data()) {
                data.copy(s.offset(), s.length(), tar);
            }
        }
        tar.closeArchiveEntry();
    }

    int sparseFiles() {
        return sparseFiles;
    }

    /**
     * GNU's pax 1.0 map: the number of segments, then offset and length of each, one decimal per
     * line, NUL-padded to whole blocks; a file ending in a hole gets a last, empty segment at its
     * end. GNU tar reads each segment's data from a fresh block, so segments other than the last
     * must be whole blocks long, which SEEK_DATA's page granularity gives.
     */
    private byte[] sparseMap(ContentEntry e) {
        sparseFiles++;
        StringBuilder map = new StringBuilder();
        int count = e.data().size();
        ContentEntry.Segment last = count == 0 ? null : e.data().get(count - 1);
        boolean trailingHole = last == null || last.offset() + last.length() < e.size();
        map.append(count + (trailingHole ? 1 : 0)).append('\n');
        for (ContentEntry.Segment s : e.data()) {
            map.append(s.offset()).append('\n').append(s.length()).append('\n');
        }
        if (trailingHole) {
            map.append(e.size()).append('\n').append(0).append('\n');
        }
        byte[] text = map.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[(text.length + BLOCK - 1) / BLOCK * BLOCK];
        System.arraycopy(text, 0, padded, 0, text.length);
        return padded;
    }

    private static void xattr(Map<String, String> pax, String name, byte[] value) {
        String text = utf8(value);
        if (text != null && text.indexOf('\0') < 0) {
            pax.put("SCHILY.xattr." + name, text);
        } else {
            pax.put("LIBARCHIVE.xattr." + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8),
                    Base64.getEncoder().encodeToString(value));
        }
    }

    /** pax records {@code "<length> <key>=<value>\n"}, the length counting itself. */
    private void writePax(Map<String, String> headers) throws IOException {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String record = " " + h.getKey() + "=" + h.getValue() + "\n";
            int length = record.getBytes(StandardCharsets.UTF_8).length;
            int total = length + Integer.toString(length).length();
            if (Integer.toString(total).length() != Integer.toString(length).length()) {
                total = length + Integer.toString(total).length();
            }
            body.append(total).append(record);
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry x = new TarArchiveEntry("./PaxHeaders/entry", TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
        x.setSize(bytes.length);
        x.setLastModifiedTime(java.nio.file.attribute.FileTime.fromMillis(0));
        tar.putArchiveEntry(x);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static String name(ContentEntry e) {
        if (e.path().isEmpty()) {
            return "./";
        }
        return text(e.path()) + (e.type() == ContentEntry.Type.DIRECTORY ? "/" : "");
    }

    private static byte linkFlag(ContentEntry e) {
        return switch (e.type()) {
            case DIRECTORY -> TarConstants.LF_DIR;
            case REGULAR -> TarConstants.LF_NORMAL;
            case SYMLINK -> TarConstants.LF_SYMLINK;
            case HARDLINK -> TarConstants.LF_LINK;
            case CHAR_DEVICE -> TarConstants.LF_CHR;
            case BLOCK_DEVICE -> TarConstants.LF_BLK;
            case FIFO -> TarConstants.LF_FIFO;
        };
    }

    /** Raw bytes as a string of the same length, for the archive's ISO-8859-1 names. */
    static String text(RawString raw) {
        return new String(raw.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static boolean isAscii(RawString raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.byteAt(i) < 0x20) {
                return false;
            }
        }
        return true;
    }

    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String decimal(FileTime t) {
        return t.nanos() == 0 ? Long.toString(t.seconds()) : String.format("%d.%09d", t.seconds(), t.nanos());
    }

    /** Ends the archive (two zero blocks); does not close the stream underneath. */
    void finish() throws IOException {
        tar.finish();
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    static void discard(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("archive ends inside a file");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
