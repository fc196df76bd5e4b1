package dev.mountflow.plugins.tmpfs;

import dev.mountflow.model.RawString;
import dev.mountflow.plugins.common.RelativePath;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.FileAttributes;
import dev.mountflow.spi.FileAttributes.FileTime;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.ResolveFlags;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveStructSparse;

/**
 * Puts a content archive back into a new, empty filesystem through an fd on its root: files,
 * directories, symlinks, hard links, device nodes and fifos with their data (holes of sparse
 * files kept), owners, permissions, extended attributes and times. Entry names are untrusted: each
 * directory is resolved below the root without following a symlink or crossing a mount (a symlink
 * an earlier entry made is never followed), a name with {@code ..} is refused, and every file is
 * created new ({@code O_EXCL}). Directories get their times last, deepest first, since making
 * their entries changes them; owners before permissions, since chown clears set-id bits.
 */
final class ContentExtractor {
    private static final RawString DOT = RawString.of(".");
    private static final int CREATE = OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_NOFOLLOW
            | OpenFlags.O_CLOEXEC;

    private final Kernel kernel;
    private final int rootFd;
    private final List<Runnable> directoryTimes = new ArrayList<>();
    private RawString cachedDir;
    private int cachedFd = -1;
    private int entries;

    ContentExtractor(Kernel kernel, int rootFd) {
        this.kernel = kernel;
        this.rootFd = rootFd;
    }

    /** Extracts the tar stream {@code tar} (already uncompressed); returns how many entries it held. */
    int extract(InputStream tar) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar, StandardCharsets.ISO_8859_1.name())) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                RawString path = normalize(e.getName());
                try {
                    entry(e, path, in);
                } catch (NativeCallException | IOException | IllegalArgumentException ex) {
                    throw new IOException("archive entry '" + (path.isEmpty() ? "." : path) + "': " + ex.getMessage(), ex);
                }
                entries++;
            }
            for (int i = directoryTimes.size() - 1; i >= 0; i--) {
                directoryTimes.get(i).run();
            }
        } finally {
            closeCached();
        }
        return entries;
    }

    private void entry(TarArchiveEntry e, RawString path, InputStream data) throws IOException {
        if (path.isEmpty()) {
            if (e.isDirectory()) {
                attributes(rootFd, DOT, e, true);
            }
            return;
        }
        RelativePath p = RelativePath.of(path);
        int dir = directory(p.parent());
        RawString name = p.name();
        int uid = (int) e.getLongUserId();
        int gid = (int) e.getLongGroupId();
        if (e.isDirectory()) {
            try {
                kernel.mkdirat(dir, name, 0700);
            } catch (NativeCallException ex) {
                if (!ex.is(Errno.EEXIST) || !kernel.attributes(dir, name, AtFlags.AT_SYMLINK_NOFOLLOW).isDirectory()) {
                    throw ex;
                }
            }
            setXattrs(dir, name, e);
            kernel.fchownat(dir, name, uid, gid, AtFlags.AT_SYMLINK_NOFOLLOW);
            kernel.fchmodat(dir, name, e.getMode() & FileAttributes.PERMISSIONS);
            RawString full = path;
            FileTime atime = atime(e);
            FileTime mtime = mtime(e);
            directoryTimes.add(() -> {
                int d = directory(RelativePath.of(full).parent());
                kernel.utimensat(d, RelativePath.of(full).name(), atime, mtime, AtFlags.AT_SYMLINK_NOFOLLOW);
            });
        } else if (e.isSymbolicLink()) {
            kernel.symlinkat(raw(e.getLinkName()), dir, name);
            kernel.fchownat(dir, name, uid, gid, AtFlags.AT_SYMLINK_NOFOLLOW);
            setXattrs(dir, name, e);
            kernel.utimensat(dir, name, atime(e), mtime(e), AtFlags.AT_SYMLINK_NOFOLLOW);
        } else if (e.isLink()) {
            RelativePath target = RelativePath.of(normalize(e.getLinkName()));
            int targetDir = resolveDirectory(target.parent());
            try {
                kernel.linkat(targetDir, target.name(), dir, name, 0);
            } finally {
                if (targetDir != rootFd) {
                    kernel.close(targetDir);
                }
            }
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            int type = e.isCharacterDevice() ? FileAttributes.S_IFCHR
                    : e.isBlockDevice() ? FileAttributes.S_IFBLK : FileAttributes.S_IFIFO;
            kernel.mknodat(dir, name, type | 0600, e.getDevMajor(), e.getDevMinor());
            attributes(dir, name, e, false);
        } else if (e.isFile()) {
            int fd = kernel.openat(dir, name, CREATE, 0600);
            try {
                write(fd, e, data);
            } finally {
                kernel.close(fd);
            }
            attributes(dir, name, e, false);
        } else {
            throw new IllegalArgumentException("entries of type '" + (char) e.getLinkFlag() + "' cannot be restored");
        }
    }

    /** The data, holes of a sparse entry left as holes, the length set last. */
    private void write(int fd, TarArchiveEntry e, InputStream data) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile("/proc/self/fd/" + fd, "rw")) {
            FileChannel out = file.getChannel();
            long length = e.isSparse() || e.isPaxGNU1XSparse() ? e.getRealSize() : e.getSize();
            List<TarArchiveStructSparse> segments = e.getOrderedSparseHeaders();
            long at = 0;
            if (segments.isEmpty()) {
                copy(data, out, 0, length);
            } else {
                for (TarArchiveStructSparse s : segments) {
                    TarEntryWriter.discard(data, s.getOffset() - at);
                    copy(data, out, s.getOffset(), s.getNumbytes());
                    at = s.getOffset() + s.getNumbytes();
                }
            }
            file.setLength(length);
        }
    }

    private static void copy(InputStream in, FileChannel out, long offset, long length) throws IOException {
        byte[] buf = new byte[(int) Math.min(Math.max(length, 1), 1 << 16)];
        long done = 0;
        while (done < length) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, length - done));
            if (n < 0) {
                throw new IOException("archive ends inside the file");
            }
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) {
                out.write(b, offset + done + (n - b.remaining()));
            }
            done += n;
        }
    }

    private void attributes(int dir, RawString name, TarArchiveEntry e, boolean root) {
        setXattrs(dir, name, e);
        if (root) {
            kernel.fchownat(dir, RawString.EMPTY, (int) e.getLongUserId(), (int) e.getLongGroupId(), AtFlags.AT_EMPTY_PATH);
        } else {
            kernel.fchownat(dir, name, (int) e.getLongUserId(), (int) e.getLongGroupId(), AtFlags.AT_SYMLINK_NOFOLLOW);
        }
        kernel.fchmodat(dir, name, e.getMode() & FileAttributes.PERMISSIONS);
        FileTime atime = atime(e);
        FileTime mtime = mtime(e);
        if (root) {
            directoryTimes.add(0, () -> kernel.utimensat(dir, name, atime, mtime, 0));
        } else {
            kernel.utimensat(dir, name, atime, mtime, AtFlags.AT_SYMLINK_NOFOLLOW);
        }
    }

    private void setXattrs(int dir, RawString name, TarArchiveEntry e) {
        Map<String, byte[]> xattrs = xattrs(e);
        if (xattrs.isEmpty()) {
            return;
        }
        RawString path = RelativePath.viaProc(dir, name);
        xattrs.forEach((key, value) -> kernel.lsetxattr(path, key, value));
    }

    /** {@code SCHILY.xattr.NAME} as text, {@code LIBARCHIVE.xattr.NAME} (name URL-encoded) as base64. */
    static Map<String, byte[]> xattrs(TarArchiveEntry e) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
            if (h.getKey().startsWith("SCHILY.xattr.")) {
                out.put(h.getKey().substring("SCHILY.xattr.".length()), h.getValue().getBytes(StandardCharsets.UTF_8));
            } else if (h.getKey().startsWith("LIBARCHIVE.xattr.")) {
                out.put(java.net.URLDecoder.decode(h.getKey().substring("LIBARCHIVE.xattr.".length()), StandardCharsets.UTF_8),
                        Base64.getDecoder().decode(h.getValue()));
            }
        }
        return out;
    }

    private static FileTime mtime(TarArchiveEntry e) {
        return time(e.getLastModifiedTime().toInstant());
    }

    /** An archive without access times (a plain ustar one) gives the modification time. */
    private static FileTime atime(TarArchiveEntry e) {
        return e.getLastAccessTime() == null ? mtime(e) : time(e.getLastAccessTime().toInstant());
    }

    private static FileTime time(Instant i) {
        return new FileTime(i.getEpochSecond(), i.getNano());
    }

    /** An fd on directory {@code rel} below the root, made (0755) where missing; kept until another is asked for. */
    private int directory(RawString rel) {
        if (rel.isEmpty()) {
            return rootFd;
        }
        if (rel.equals(cachedDir)) {
            return cachedFd;
        }
        closeCached();
        int fd = rootFd;
        int from = 0;
        try {
            while (from < rel.length()) {
                int to = from;
                while (to < rel.length() && rel.byteAt(to) != '/') {
                    to++;
                }
                RawString name = rel.substring(from, to);
                int next;
                try {
                    next = kernel.openat2(fd, name, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0,
                            ResolveFlags.CONFINED);
                } catch (NativeCallException e) {
                    if (!e.is(Errno.ENOENT)) {
                        throw e;
                    }
                    kernel.mkdirat(fd, name, 0755);
                    next = kernel.openat2(fd, name, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0,
                            ResolveFlags.CONFINED);
                }
                if (fd != rootFd) {
                    kernel.close(fd);
                }
                fd = next;
                from = to + 1;
            }
        } catch (RuntimeException e) {
            if (fd != rootFd) {
                kernel.close(fd);
            }
            throw e;
        }
        cachedDir = rel;
        cachedFd = fd;
        return fd;
    }

    /** An fd on an existing directory, the caller's to close (unless it is the root). */
    private int resolveDirectory(RawString rel) {
        if (rel.isEmpty()) {
            return rootFd;
        }
        return kernel.openat2(rootFd, rel, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0,
                ResolveFlags.CONFINED);
    }

    private void closeCached() {
        if (cachedFd >= 0) {
            kernel.close(cachedFd);
            cachedFd = -1;
            cachedDir = null;
        }
    }

    private static RawString raw(String archiveText) {
        return RawString.of(archiveText.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The entry's path below the root: leading {@code /} and {@code ./} and a trailing {@code /}
     * dropped, {@code .} components skipped; {@code ..} refused.
     */
    static RawString normalize(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        List<RawString> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '/') {
                RawString part = RawString.of(bytes, from, i);
                if (part.equals(RawString.of(".."))) {
                    throw new IllegalArgumentException("archive entry '" + name + "' leaves its directory with '..'");
                }
                if (!part.isEmpty() && !part.equals(DOT)) {
                    parts.add(part);
                }
                from = i + 1;
            }
        }
        RawString out = RawString.EMPTY;
        for (RawString part : parts) {
            out = out.isEmpty() ? part : out.concat(RawString.SLASH).concat(part);
        }
        return out;
    }
}
