package dev.mountflow.plugins.tmpfs;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.FileAttributes;
import dev.mountflow.spi.FileAttributes.FileTime;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.OpenFlags;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;

/**
 * Files of every kind an archive of a tmpfs must keep, made below a directory fd: directories,
 * a set-uid file, an empty file, a sparse file (data, hole, data, hole at the end), symlinks (one
 * dangling), a hard link, character and block devices, a fifo, names that are not UTF-8 or hold a
 * newline, user and trusted extended attributes (one binary, one on a symlink), owners other than
 * root, and times to the nanosecond set last.
 */
public final class ContentFixture {
    public static final long SPARSE_SIZE = 8L << 20;

    private ContentFixture() {
    }

    public static void make(Kernel k, int root) throws IOException {
        k.mkdirat(root, raw("d"), 0750);
        int d = k.openat(root, raw("d"), OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
        try {
            k.mkdirat(d, raw("e"), 0700);
            file(k, d, "f", "hello, tmpfs\n".getBytes(StandardCharsets.UTF_8));
            k.fchownat(d, raw("f"), 1000, 100, AtFlags.AT_SYMLINK_NOFOLLOW);
            k.fchmodat(d, raw("f"), 04755);
            k.linkat(d, raw("f"), root, raw("hard"), 0);
            k.lsetxattr(via(d, "f"), "user.comment", "a note".getBytes(StandardCharsets.UTF_8));
            k.lsetxattr(via(root, "d"), "trusted.secret", new byte[] {0, 1, (byte) 0xff, 10});
            k.fchownat(root, raw("d"), 1000, 1000, AtFlags.AT_SYMLINK_NOFOLLOW);
        } finally {
            k.close(d);
        }
        file(k, root, "empty", new byte[0]);
        sparse(k, root);
        k.symlinkat(raw("d/f"), root, raw("link"));
        k.symlinkat(raw("/nowhere/at all"), root, raw("dangling"));
        k.lsetxattr(via(root, "link"), "trusted.on-link", "x".getBytes(StandardCharsets.UTF_8));
        k.fchownat(root, raw("link"), 7, 8, AtFlags.AT_SYMLINK_NOFOLLOW);
        k.mknodat(root, raw("null"), FileAttributes.S_IFCHR | 0666, 1, 3);
        k.mknodat(root, raw("loop9"), FileAttributes.S_IFBLK | 0660, 7, 9);
        k.mknodat(root, raw("fifo"), FileAttributes.S_IFIFO | 0640, 0, 0);
        file(k, root, RawString.of(new byte[] {'n', (byte) 0xff, 'x'}), "not utf-8".getBytes(StandardCharsets.UTF_8));
        file(k, root, RawString.of("new\nline"), new byte[] {1, 2, 3});
        file(k, root, RawString.of("x".repeat(120)), new byte[] {4});
        setTimes(k, root, new String[] {"d/f", "d/e", "empty", "sparse", "link", "dangling", "null", "loop9", "fifo",
            "new\nline", "x".repeat(120)}, 1_700_000_000L);
        setTime(k, root, RawString.of(new byte[] {'n', (byte) 0xff, 'x'}), 1_600_000_000L, 1);
        setTime(k, root, raw("d"), 1_650_000_000L, 999_999_999);
        k.utimensat(root, raw("."), new FileTime(1_500_000_000L, 5), new FileTime(1_500_000_000L, 6), 0);
    }

    private static void sparse(Kernel k, int root) throws IOException {
        int fd = k.openat(root, raw("sparse"), OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL
                | OpenFlags.O_CLOEXEC, 0644);
        try (RandomAccessFile f = new RandomAccessFile("/proc/self/fd/" + fd, "rw")) {
            f.write("head".getBytes(StandardCharsets.UTF_8));
            f.seek(3L << 20);
            f.write(new byte[5000]);
            f.seek((3L << 20) + 100);
            f.write("middle".getBytes(StandardCharsets.UTF_8));
            f.setLength(SPARSE_SIZE);
        } finally {
            k.close(fd);
        }
    }

    private static void file(Kernel k, int dir, String name, byte[] content) throws IOException {
        file(k, dir, raw(name), content);
    }

    private static void file(Kernel k, int dir, RawString name, byte[] content) throws IOException {
        int fd = k.openat(dir, name, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_CLOEXEC, 0644);
        try (RandomAccessFile f = new RandomAccessFile("/proc/self/fd/" + fd, "rw")) {
            f.write(content);
        } finally {
            k.close(fd);
        }
    }

    private static void setTimes(Kernel k, int root, String[] paths, long seconds) {
        for (int i = 0; i < paths.length; i++) {
            setTime(k, root, raw(paths[i]), seconds + i * 1000L, 123_456_789 + i);
        }
    }

    private static void setTime(Kernel k, int root, RawString path, long seconds, int nanos) {
        k.utimensat(root, path, new FileTime(seconds - 50, nanos), new FileTime(seconds, nanos), AtFlags.AT_SYMLINK_NOFOLLOW);
    }

    private static RawString via(int dir, String name) {
        return RawString.of("/proc/self/fd/" + dir + "/" + name);
    }

    private static RawString raw(String s) {
        return RawString.of(s);
    }
}
