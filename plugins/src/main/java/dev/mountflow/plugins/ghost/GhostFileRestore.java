package dev.mountflow.plugins.ghost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.error.InputException;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import dev.mountflow.plugin.PluginContext;
import dev.mountflow.plugins.common.ClassPreload;
import dev.mountflow.plugins.common.RelativePath;
import dev.mountflow.plugins.common.VisibleMounts;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.FileAttributes.FileTime;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.ResolveFlags;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the image's ghost files on the restored mounts, after the tree is final:
 * <ul>
 *   <li>on a mount whose superblock is read-only in the image: before remount-read-only, while
 *       the engine still has it writable (a read-only superblock cannot be remounted writable for
 *       one mount without changing every mount of it);</li>
 *   <li>on a mount that is read-only itself: after remount-read-only, remounted writable just for
 *       the files (mount_setattr clearing MOUNT_ATTR_RDONLY, nothing else), then read-only again,
 *       and its flags read back: all of them must be as before;</li>
 *   <li>elsewhere: after remount-read-only, written as they are.</li>
 * </ul>
 * A mount is reached by its path from its namespace's root on its namespace's thread, so an
 * overmounted one cannot be: that is refused before anything is mounted. Remounts are made only
 * from a restored namespace's thread, never in the host's. Files are created new ({@code O_EXCL})
 * in existing directories reached without symlinks or mount crossings.
 */
final class GhostFileRestore {
    /** A ghost file with its mount and its content. */
    record Planned(GhostFile file, Mount mount, Path content, boolean readOnlySuperblock) {
    }

    private static final int PATH_FD = OpenFlags.O_PATH | OpenFlags.O_CLOEXEC;
    private static final int CREATE = OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_NOFOLLOW
            | OpenFlags.O_CLOEXEC;

    private List<Planned> planned = List.of();

    /** Reads and checks the image's ghost files, before anything is mounted. */
    void plan(PluginContext context) {
        JsonNode files = context.pluginData().path("files");
        if (files.isMissingNode() || files.isEmpty()) {
            return;
        }
        MountImage image = context.image();
        Path dir = context.imageDir().orElseThrow(() -> new InputException("ghost files need the image directory"));
        List<Planned> out = new ArrayList<>();
        Map<Integer, VisibleMounts> visible = new HashMap<>();
        for (JsonNode n : files) {
            GhostFile f = GhostFile.fromJson(n);
            MountNamespace ns = image.namespace(f.namespace()).orElseThrow(() -> new InputException(
                    "ghost file '" + f.path() + "': the image has no namespace " + f.namespace()));
            Mount m = ns.mounts().stream().filter(x -> x.id() == f.mount()).findFirst().orElseThrow(() ->
                    new InputException("ghost file '" + f.path() + "': namespace " + f.namespace() + " has no mount "
                            + f.mount()));
            String where = "ghost file '" + f.path() + "' on namespace " + ns.id() + ", " + m.label();
            VisibleMounts v = visible.computeIfAbsent(ns.id(), id -> new VisibleMounts(ns));
            if (v.isCovered(m)) {
                throw new InputException(where + ": the mount is overmounted by " + v.coveringOf(m).label()
                        + ", so its path is invisible: it cannot be remounted writable, nor written, to create the file");
            }
            Path content = dir.resolve(f.file());
            try {
                if (!Files.isRegularFile(content) || Files.size(content) != f.size()) {
                    throw new InputException(where + ": its content '" + content + "' is missing or not "
                            + f.size() + " bytes long");
                }
            } catch (IOException e) {
                throw new InputException(where + ": cannot read '" + content + "': " + e.getMessage(), e);
            }
            out.add(new Planned(f, m, content, (m.superFlags() & MountFlags.MS_RDONLY) != 0));
        }
        planned = out;
        ClassPreload.kernelCalls(MountInfoParser.class, MountInfoEntry.class);
    }

    /** The files on mounts of read-only superblocks, which the engine still has writable. */
    void writeOnReadOnlySuperblocks(PluginContext context) throws IOException {
        write(context, true);
    }

    /** Every other file; a read-only mount is remounted writable for them and back. */
    void writeTheRest(PluginContext context) throws IOException {
        write(context, false);
    }

    private void write(PluginContext context, boolean readOnlySuperblocks) throws IOException {
        Map<Mount, List<Planned>> byMount = new LinkedHashMap<>();
        for (Planned p : planned) {
            if (p.readOnlySuperblock() == readOnlySuperblocks) {
                byMount.computeIfAbsent(p.mount(), m -> new ArrayList<>()).add(p);
            }
        }
        RestoreContext restore = context.restore();
        Kernel k = restore.kernel();
        for (Map.Entry<Mount, List<Planned>> e : byMount.entrySet()) {
            Mount m = e.getKey();
            NamespaceExecutor ns = thread(restore, e.getValue().get(0).file().namespace());
            RawString rel = m.mountpoint().relativeTo(RawString.SLASH);
            int mountFd = ns.call(() -> reach(k, rel));
            try {
                boolean remount = !readOnlySuperblocks && m.isReadOnly();
                if (remount) {
                    withWritable(context, k, ns, mountFd, m, () -> writeAll(k, mountFd, e.getValue()));
                } else {
                    writeAll(k, mountFd, e.getValue());
                }
            } finally {
                k.close(mountFd);
            }
        }
    }

    private interface Writes {
        void run() throws IOException;
    }

    /**
     * Runs {@code writes} with the mount writable: MOUNT_ATTR_RDONLY cleared and set again on its
     * own namespace's thread, every other flag untouched; its flags in mountinfo must read the same
     * after as before.
     */
    private void withWritable(PluginContext context, Kernel k, NamespaceExecutor ns, int mountFd, Mount m, Writes writes)
            throws IOException {
        requireRestoredNamespace(ns);
        long mountId = k.statx(mountFd, RawString.EMPTY, AtFlags.AT_EMPTY_PATH).mountId();
        MountInfoEntry before = entry(ns, mountId);
        context.log("remounting " + m.label() + " writable for its ghost files (flags " + before.mountOptions() + ")");
        ns.run(() -> k.mountSetattr(mountFd, RawString.EMPTY, AtFlags.AT_EMPTY_PATH, 0, MountAttrFlags.MOUNT_ATTR_RDONLY, 0, 0));
        try {
            writes.run();
        } finally {
            ns.run(() -> k.mountSetattr(mountFd, RawString.EMPTY, AtFlags.AT_EMPTY_PATH, MountAttrFlags.MOUNT_ATTR_RDONLY, 0, 0, 0));
        }
        MountInfoEntry after = entry(ns, mountId);
        if (!after.mountOptions().equals(before.mountOptions())) {
            throw new IllegalStateException(m.label() + " was remounted writable for its ghost files with flags '"
                    + before.mountOptions() + "' and came back with '" + after.mountOptions() + "'");
        }
    }

    private void writeAll(Kernel k, int mountFd, List<Planned> files) throws IOException {
        for (Planned p : files) {
            writeOne(k, mountFd, p);
        }
    }

    /** Creates one file below the mount's root fd; run on the runner's thread, whose /proc is the host's. */
    private static void writeOne(Kernel k, int mountFd, Planned p) throws IOException {
        GhostFile f = p.file();
        RelativePath path = RelativePath.of(f.path());
        int dir = path.parent().isEmpty() ? mountFd
                : k.openat2(mountFd, path.parent(), PATH_FD | OpenFlags.O_DIRECTORY, 0, ResolveFlags.CONFINED);
        try {
            int fd = k.openat(dir, path.name(), CREATE, 0600);
            try (FileChannel out = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.WRITE);
                 InputStream in = Files.newInputStream(p.content())) {
                out.transferFrom(java.nio.channels.Channels.newChannel(in), 0, f.size());
            } finally {
                k.close(fd);
            }
            k.fchownat(dir, path.name(), f.uid(), f.gid(), AtFlags.AT_SYMLINK_NOFOLLOW);
            k.fchmodat(dir, path.name(), f.mode());
            FileTime mtime = new FileTime(f.mtimeSeconds(), f.mtimeNanos());
            k.utimensat(dir, path.name(), mtime, mtime, AtFlags.AT_SYMLINK_NOFOLLOW);
        } finally {
            if (dir != mountFd) {
                k.close(dir);
            }
        }
    }

    /** On the namespace's thread: an O_PATH fd on the mount its path reaches from the root. */
    private static int reach(Kernel k, RawString rel) {
        int root = k.openat2(AtFlags.AT_FDCWD, RawString.SLASH, PATH_FD, 0, 0);
        if (rel.isEmpty()) {
            return root;
        }
        try {
            return k.openat2(root, rel, PATH_FD, 0, ResolveFlags.RESOLVE_BENEATH | ResolveFlags.RESOLVE_NO_SYMLINKS);
        } finally {
            k.close(root);
        }
    }

    private static MountInfoEntry entry(NamespaceExecutor ns, long mountId) throws IOException {
        try (InputStream in = Files.newInputStream(ns.mountInfoPath())) {
            for (MountInfoEntry e : MountInfoParser.parse(in)) {
                if (e.mountId() == mountId) {
                    return e;
                }
            }
        }
        throw new IllegalStateException("mount " + mountId + " is not in " + ns.mountInfoPath());
    }

    /** A remount in the host's namespace would change the host: refused whatever the engine reported. */
    private static void requireRestoredNamespace(NamespaceExecutor ns) throws IOException {
        String host = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        String target = Files.readSymbolicLink(ns.namespacePath()).toString();
        if (host.equals(target)) {
            throw new IllegalStateException("refusing to remount in the host's mount namespace " + host);
        }
    }

    private static NamespaceExecutor thread(RestoreContext context, int namespaceId) {
        for (RestoredNamespace ns : context.restored()) {
            if (ns.imageNamespaceId() == namespaceId) {
                return ns.thread();
            }
        }
        throw new IllegalStateException("the engine did not report namespace " + namespaceId + " as restored");
    }
}
