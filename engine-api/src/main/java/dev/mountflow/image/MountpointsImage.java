package dev.mountflow.image;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.mountflow.error.ImageFormatException;
import dev.mountflow.image.proto.MntProto.mnt_entry;
import dev.mountflow.model.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes CRIU's {@code mountpoints-<ns_id>.img}: the common magic {@code 0x54564319},
 * the MNTS magic {@code 0x55563928}, then one record per mount, each a little-endian u32 length
 * followed by a serialized {@code mnt_entry}. All integers little-endian.
 *
 * <p>Records are numbered from 0, in file order; errors name the file, the record and its byte
 * offset, e.g. {@code mountpoints-1.img: record 2 at offset 120: truncated: 10 of 55 bytes}.
 */
public final class MountpointsImage {
    public static final int COMMON_MAGIC = 0x54564319;
    public static final int MNTS_MAGIC = 0x55563928;
    /**
     * The largest record accepted. An entry holds four paths of at most PATH_MAX and a few short
     * fields, so a larger length means a corrupt or hostile file, not a big mount.
     */
    public static final int MAX_RECORD_BYTES = 1 << 20;

    private MountpointsImage() {
    }

    /** Writes {@code mounts}, in list order, as one image file. */
    public static void write(List<Mount> mounts, OutputStream out) throws IOException {
        out.write(u32(COMMON_MAGIC));
        out.write(u32(MNTS_MAGIC));
        for (Mount mount : mounts) {
            byte[] record = MountEntries.toEntry(mount).toByteArray();
            out.write(u32(record.length));
            out.write(record);
        }
        out.flush();
    }

    /**
     * Reads every record of one image file, in file order.
     *
     * @param fileNameForMessages what error messages call the file
     * @throws ImageFormatException for a bad magic, a truncated or oversized record, or a record
     *     that is not a {@code mnt_entry} a mount can be made from
     */
    public static List<Mount> read(InputStream in, String fileNameForMessages) throws IOException {
        String file = fileNameForMessages;
        expectMagic(in, file, 0, COMMON_MAGIC, "IMG_COMMON");
        expectMagic(in, file, 4, MNTS_MAGIC, "MNTS");
        List<Mount> mounts = new ArrayList<>();
        long offset = 8;
        for (int index = 0; ; index++) {
            String where = file + ": record " + index + " at offset " + offset;
            byte[] lengthBytes = in.readNBytes(4);
            if (lengthBytes.length == 0) {
                return mounts;
            }
            if (lengthBytes.length < 4) {
                throw new ImageFormatException(
                        where + ": truncated length: " + lengthBytes.length + " of 4 bytes");
            }
            long length = Integer.toUnsignedLong(littleEndian(lengthBytes));
            if (length > MAX_RECORD_BYTES) {
                throw new ImageFormatException(where + ": length " + length
                        + " exceeds the limit of " + MAX_RECORD_BYTES + " bytes");
            }
            byte[] record = in.readNBytes((int) length);
            if (record.length < length) {
                throw new ImageFormatException(
                        where + ": truncated: " + record.length + " of " + length + " bytes");
            }
            mounts.add(parse(record, where));
            offset += 4 + length;
        }
    }

    private static Mount parse(byte[] record, String where) {
        mnt_entry entry;
        try {
            entry = mnt_entry.parseFrom(record);
        } catch (InvalidProtocolBufferException e) {
            throw new ImageFormatException(where + ": not a mnt_entry: " + e.getMessage(), e);
        }
        try {
            return MountEntries.toMount(entry);
        } catch (IllegalArgumentException e) {
            throw new ImageFormatException(where + ": " + e.getMessage(), e);
        }
    }

    private static void expectMagic(InputStream in, String file, int offset, int expected,
            String name) throws IOException {
        byte[] bytes = in.readNBytes(4);
        if (bytes.length < 4) {
            throw new ImageFormatException(file + ": truncated magic at offset " + offset + ": "
                    + bytes.length + " of 4 bytes, expected " + hex(expected) + " (" + name + ")");
        }
        int actual = littleEndian(bytes);
        if (actual != expected) {
            throw new ImageFormatException(file + ": bad magic " + hex(actual) + " at offset "
                    + offset + ", expected " + hex(expected) + " (" + name + ")");
        }
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static int littleEndian(byte[] four) {
        return ByteBuffer.wrap(four).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
