package dev.mountflow.plugins.tmpfs;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.FileAttributes.FileTime;
import java.util.List;
import java.util.Map;

/**
 * One file of a filesystem's content as an archive holds it.
 *
 * @param path the path below the superblock's root, without leading {@code /}; empty for the root
 * @param type one of the {@link Type}s
 * @param permissions mode bits 07777
 * @param uid owner
 * @param gid group
 * @param mtime modification time
 * @param atime access time
 * @param size the file's length (regular files)
 * @param linkTarget a symlink's target, or for a hard link the path of the file it is a link of
 * @param devMajor a device node's device
 * @param devMinor a device node's device
 * @param xattrs extended attributes by name
 * @param data a regular file's data segments, in offset order; holes between them (sparse files)
 */
record ContentEntry(RawString path, Type type, int permissions, int uid, int gid, FileTime mtime, FileTime atime,
                    long size, RawString linkTarget, int devMajor, int devMinor, Map<String, byte[]> xattrs,
                    List<Segment> data) {
    /** What sort of file. */
    enum Type { DIRECTORY, REGULAR, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO }

    /** A stretch of data of a regular file: {@code length} bytes at {@code offset}. */
    record Segment(long offset, long length) {
    }

    ContentEntry {
        xattrs = Map.copyOf(xattrs);
        data = List.copyOf(data);
    }

    /** Whether the data has holes: fewer bytes stored than the file's length. */
    boolean isSparse() {
        long stored = 0;
        for (Segment s : data) {
            stored += s.length();
        }
        return stored < size;
    }
}
