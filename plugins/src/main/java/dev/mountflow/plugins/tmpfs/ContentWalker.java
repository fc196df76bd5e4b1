package dev.mountflow.plugins.tmpfs;

import dev.mountflow.model.RawString;
import dev.mountflow.plugins.common.RelativePath;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.DirectoryEntry;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.FileAttributes;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a filesystem tree below a directory fd, parents before children and names in byte order,
 * turning each file into a {@link ContentEntry} with its data: every path is opened relative to
 * its directory's fd without following a symlink, so the walk stays in the tree it was given
 * (a detached, childless clone of a mount, in which nothing covers anything). Holes of sparse
 * files are found with SEEK_DATA/SEEK_HOLE. Sockets cannot be archived and are counted and left
 * out. One fd per directory level is open at a time, plus the file being read.
 */
final class ContentWalker {
    /** Receives each entry; {@code data} reads a regular file's bytes while it is called. */
    interface Sink {
        void accept(ContentEntry entry, TarEntryWriter.DataSource data) throws IOException;
    }

    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int DIR_FLAGS = OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_NOFOLLOW
            | OpenFlags.O_CLOEXEC;
    private static final int FILE_FLAGS = OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW | OpenFlags.O_CLOEXEC;

    private final Kernel kernel;
    /** First path of each inode with more than one link, for hard links. */
    private final Map<Long, RawString> linked = new HashMap<>();
    private int entries;
    private int sockets;

    ContentWalker(Kernel kernel) {
        this.kernel = kernel;
    }

    private record Frame(int fd, RawString path, List<DirectoryEntry> names, int[] next) {
    }

    /**
     * Walks the directory {@code rootFd} stands for, naming it {@code prefix} (empty for a
     * superblock's root) and everything below {@code prefix/...}.
     */
    void walk(int rootFd, RawString prefix, Sink sink) throws IOException {
        int top = kernel.openat(rootFd, RawString.of("."), DIR_FLAGS, 0);
        Deque<Frame> stack = new ArrayDeque<>();
        try {
            sink.accept(entry(top, RawString.of("."), prefix, kernel.attributes(top, RawString.EMPTY, AtFlags.AT_EMPTY_PATH), 0),
                    null);
            stack.push(frame(top, prefix));
            while (!stack.isEmpty()) {
                Frame f = stack.peek();
                if (f.next[0] == f.names.size()) {
                    stack.pop();
                    kernel.close(f.fd);
                    continue;
                }
                RawString name = f.names.get(f.next[0]++).name();
                RawString path = f.path.isEmpty() ? name : f.path.concat(RawString.SLASH).concat(name);
                FileAttributes a = kernel.attributes(f.fd, name, AtFlags.AT_SYMLINK_NOFOLLOW);
                if (a.type() == FileAttributes.S_IFSOCK) {
                    sockets++;
                    continue;
                }
                if (a.isDirectory()) {
                    sink.accept(entry(f.fd, name, path, a, -1), null);
                    stack.push(frame(kernel.openat(f.fd, name, DIR_FLAGS, 0), path));
                } else if (a.isRegular()) {
                    regular(f.fd, name, path, a, sink);
                } else {
                    sink.accept(entry(f.fd, name, path, a, -1), null);
                }
            }
        } finally {
            for (Frame f : stack) {
                kernel.close(f.fd);
            }
        }
    }

    int entries() {
        return entries;
    }

    int sockets() {
        return sockets;
    }

    private Frame frame(int fd, RawString path) {
        List<DirectoryEntry> names = new ArrayList<>(kernel.getdents64(fd));
        names.sort(Comparator.comparing(DirectoryEntry::name));
        return new Frame(fd, path, names, new int[1]);
    }

    private void regular(int dirFd, RawString name, RawString path, FileAttributes a, Sink sink) throws IOException {
        if (a.links() > 1) {
            RawString first = linked.putIfAbsent(a.inode(), path);
            if (first != null) {
                entries++;
                sink.accept(new ContentEntry(path, ContentEntry.Type.HARDLINK, a.permissions(), a.uid(), a.gid(),
                        a.mtime(), a.atime(), 0, first, 0, 0, Map.of(), List.of()), null);
                return;
            }
        }
        int fd = kernel.openat(dirFd, name, FILE_FLAGS, 0);
        try (FileChannel channel = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ)) {
            ContentEntry e = entry(dirFd, name, path, a, fd);
            sink.accept(e, (offset, length, out) -> copy(channel, offset, length, out, path));
        } finally {
            kernel.close(fd);
        }
    }

    private static void copy(FileChannel channel, long offset, long length, OutputStream out, RawString path)
            throws IOException {
        long done = 0;
        var target = Channels.newChannel(out);
        while (done < length) {
            long n = channel.transferTo(offset + done, length - done, target);
            if (n <= 0) {
                // The file shrank while it was read: keep the archive's length promise with zeros.
                out.write(new byte[(int) Math.min(length - done, 1 << 16)]);
                n = Math.min(length - done, 1 << 16);
            }
            done += n;
        }
    }

    /** The entry for {@code name} in {@code dirFd}; {@code dataFd} is an open fd on a regular file's data. */
    private ContentEntry entry(int dirFd, RawString name, RawString path, FileAttributes a, int dataFd) {
        entries++;
        Map<String, byte[]> xattrs = xattrs(dirFd, name);
        return switch (a.type()) {
            case FileAttributes.S_IFDIR -> new ContentEntry(path, ContentEntry.Type.DIRECTORY, a.permissions(), a.uid(),
                    a.gid(), a.mtime(), a.atime(), 0, null, 0, 0, xattrs, List.of());
            case FileAttributes.S_IFLNK -> new ContentEntry(path, ContentEntry.Type.SYMLINK, a.permissions(), a.uid(),
                    a.gid(), a.mtime(), a.atime(), 0, kernel.readlinkat(dirFd, name), 0, 0, xattrs, List.of());
            case FileAttributes.S_IFCHR, FileAttributes.S_IFBLK -> new ContentEntry(path,
                    a.type() == FileAttributes.S_IFCHR ? ContentEntry.Type.CHAR_DEVICE : ContentEntry.Type.BLOCK_DEVICE,
                    a.permissions(), a.uid(), a.gid(), a.mtime(), a.atime(), 0, null, a.rdevMajor(), a.rdevMinor(),
                    xattrs, List.of());
            case FileAttributes.S_IFIFO -> new ContentEntry(path, ContentEntry.Type.FIFO, a.permissions(), a.uid(), a.gid(),
                    a.mtime(), a.atime(), 0, null, 0, 0, xattrs, List.of());
            default -> new ContentEntry(path, ContentEntry.Type.REGULAR, a.permissions(), a.uid(), a.gid(), a.mtime(),
                    a.atime(), a.size(), null, 0, 0, xattrs, segments(dataFd, a));
        };
    }

    /** The data segments: the whole file, or for a file with fewer blocks than its length, its data between holes. */
    private List<ContentEntry.Segment> segments(int fd, FileAttributes a) {
        if (a.size() == 0) {
            return List.of();
        }
        if (a.blocks() * 512 >= a.size()) {
            return List.of(new ContentEntry.Segment(0, a.size()));
        }
        List<ContentEntry.Segment> out = new ArrayList<>();
        long at = 0;
        while (at < a.size()) {
            long data;
            try {
                data = kernel.lseek(fd, at, SEEK_DATA);
            } catch (NativeCallException e) {
                if (e.is(Errno.ENXIO)) {
                    break; // no data after at: the rest is a hole
                }
                throw e;
            }
            long hole = Math.min(kernel.lseek(fd, data, SEEK_HOLE), a.size());
            // GNU tar reads each segment from a fresh block: all but the last are whole blocks.
            long end = hole >= a.size() ? hole : Math.min(a.size(), (hole + 511) / 512 * 512);
            out.add(new ContentEntry.Segment(data, end - data));
            at = end;
        }
        return out;
    }

    private Map<String, byte[]> xattrs(int dirFd, RawString name) {
        RawString path = RelativePath.viaProc(dirFd, name);
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<String> names;
        try {
            names = kernel.llistxattr(path);
        } catch (NativeCallException e) {
            if (e.is(Errno.EOPNOTSUPP)) {
                return out;
            }
            throw e;
        }
        for (String n : names.stream().sorted().toList()) {
            try {
                out.put(n, kernel.lgetxattr(path, n));
            } catch (NativeCallException e) {
                if (!e.is(Errno.ENODATA)) {
                    throw e;
                }
            }
        }
        return out;
    }
}
