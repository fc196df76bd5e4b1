package dev.mountflow.plugins.tmpfs;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.DirectoryEntry;
import dev.mountflow.spi.FileAttributes;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.OpenFlags;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a content copy must keep of a tree, read back from the kernel, one line per path:
 * type, permissions, owner, modification and access times to the nanosecond, size, whether it is
 * sparse, device numbers, symlink target, extended attributes, a hash of the data, and which paths
 * share an inode (hard links, named by their first path). Read through a noatime mount, so
 * reading changes no access time.
 */
public final class TreeSnapshot {
    private TreeSnapshot() {
    }

    public static Map<String, String> of(Kernel k, int rootFd) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Map<Long, String> inodes = new HashMap<>();
        walk(k, rootFd, RawString.of("."), "", out, inodes);
        return out;
    }

    private static void walk(Kernel k, int dirFd, RawString name, String path, Map<String, String> out,
                             Map<Long, String> inodes) throws IOException {
        FileAttributes a = k.attributes(dirFd, name, AtFlags.AT_SYMLINK_NOFOLLOW);
        StringBuilder line = new StringBuilder();
        line.append(String.format("type=%o perm=%04o owner=%d:%d mtime=%d.%09d atime=%d.%09d", a.type() >> 12,
                a.permissions(), a.uid(), a.gid(), a.mtime().seconds(), a.mtime().nanos(), a.atime().seconds(),
                a.atime().nanos()));
        if (a.isRegular()) {
            line.append(" size=").append(a.size()).append(a.blocks() * 512 < a.size() ? " sparse" : "");
            String first = inodes.putIfAbsent(a.inode(), path);
            line.append(first != null ? " same-inode-as=" + first : " links=" + a.links());
        }
        if (a.type() == FileAttributes.S_IFCHR || a.type() == FileAttributes.S_IFBLK) {
            line.append(" dev=").append(a.rdevMajor()).append(':').append(a.rdevMinor());
        }
        if (a.isSymlink()) {
            line.append(" target=").append(k.readlinkat(dirFd, name));
        }
        RawString viaProc = RawString.of("/proc/self/fd/" + dirFd + "/").concat(name);
        for (String x : k.llistxattr(viaProc).stream().sorted().toList()) {
            line.append(" xattr:").append(x).append('=').append(HexFormat.of().formatHex(k.lgetxattr(viaProc, x)));
        }
        if (a.isRegular()) {
            int fd = k.openat(dirFd, name, OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW | OpenFlags.O_CLOEXEC, 0);
            try (InputStream in = Files.newInputStream(Path.of("/proc/self/fd/" + fd))) {
                line.append(" sha256=").append(sha256(in));
            } finally {
                k.close(fd);
            }
        }
        out.put(path.isEmpty() ? "." : path, line.toString());
        if (a.isDirectory()) {
            int fd = k.openat(dirFd, name, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_NOFOLLOW
                    | OpenFlags.O_CLOEXEC, 0);
            try {
                List<DirectoryEntry> entries = k.getdents64(fd);
                for (DirectoryEntry e : entries.stream().sorted((x, y) -> x.name().compareTo(y.name())).toList()) {
                    walk(k, fd, e.name(), path.isEmpty() ? e.name().toString() : path + "/" + e.name(), out, inodes);
                }
            } finally {
                k.close(fd);
            }
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
