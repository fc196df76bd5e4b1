package dev.mountflow.plugins.tmpfs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.plugin.DumpContext;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.OpenTreeFlags;
import dev.mountflow.spi.ResolveFlags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the content of each tmpfs superblock of an image once, as {@link ContentArchive} names
 * it. The content is read through a detached clone of one of the superblock's mounts, made in the
 * mount's own namespace: non-recursive, so nothing mounted below covers any of its files (a file
 * hidden under an overmount is read like any other), read-only and noatime, so reading changes
 * nothing. The mount with the widest root serves; superblocks shown only through mounts of
 * disjoint subtrees are read through one mount per subtree. A mount a path lookup does not reach
 * (its mountpoint or a directory above it overmounted) is skipped for another of the same
 * superblock; a superblock none of whose mounts is reachable is left out and named in the
 * plugin's data ({@code unread}): it comes back empty, as without this plugin. A mount whose root
 * was deleted shows nothing of the superblock's tree (a removed directory cannot even be listed:
 * getdents64 gives ENOENT), so it never serves, even where another mount shows a live directory
 * on the same path.
 */
final class SuperblockContentDump {
    private static final int PATH_FD = OpenFlags.O_PATH | OpenFlags.O_CLOEXEC;
    private static final int UNREACHABLE = -1;
    private static final int UNCLONABLE = -2;

    private record Located(int namespaceId, Mount mount) {
    }

    void write(DumpContext context) throws Exception {
        MountImage image = context.image();
        Map<DeviceId, List<Located>> superblocks = new LinkedHashMap<>();
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                if (m.fstype().equals("tmpfs") && !m.isExternal()) {
                    superblocks.computeIfAbsent(m.device(), d -> new ArrayList<>()).add(new Located(ns.id(), m));
                }
            }
        }
        ArrayNode written = JsonNodeFactory.instance.arrayNode();
        ArrayNode unread = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<DeviceId, List<Located>> sb : superblocks.entrySet()) {
            Regions regions = regions(context, sb.getValue());
            try {
                if (regions.clones.isEmpty()) {
                    unread.addObject().put("device", sb.getKey().toString()).put("reason", regions.unreachable());
                    context.log("cannot read the content of tmpfs " + sb.getKey() + ": " + regions.unreachable());
                    continue;
                }
                String file = ContentArchive.fileName(sb.getKey());
                ContentWalker walker = new ContentWalker(context.kernel());
                context.writeFile(file, out -> {
                    GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
                    TarEntryWriter tar = new TarEntryWriter(gzip);
                    for (Map.Entry<RawString, Integer> r : regions.clones.entrySet()) {
                        walker.walk(r.getValue(), r.getKey().relativeTo(RawString.SLASH), tar::write);
                    }
                    tar.finish();
                    gzip.finish();
                });
                ObjectNode entry = written.addObject();
                entry.put("device", sb.getKey().toString());
                entry.put("file", file);
                entry.put("entries", walker.entries());
                if (walker.sockets() > 0) {
                    entry.put("socketsLeftOut", walker.sockets());
                }
                if (!regions.missed.isEmpty()) {
                    entry.put("unread", regions.unreachable());
                }
            } finally {
                regions.clones.values().forEach(context.kernel()::close);
            }
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("superblocks", written);
        if (!unread.isEmpty()) {
            data.set("unread", unread);
        }
        context.putData(data);
    }

    /** The clones a superblock's content is read through, by the root each shows, and the mounts none reaches. */
    private record Regions(Map<RawString, Integer> clones, List<String> missed) {
        String unreachable() {
            return String.join(", ", missed);
        }
    }

    /**
     * One clone per subtree of the superblock that its mounts show: a mount whose root lies below
     * an already cloned one adds nothing; one that no path reaches is tried for another.
     */
    private Regions regions(DumpContext context, List<Located> mounts) throws Exception {
        List<Located> byRoot = new ArrayList<>(mounts);
        byRoot.sort(Comparator.comparingInt(l -> l.mount().root().length()));
        Map<RawString, Integer> clones = new LinkedHashMap<>();
        List<String> missed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Kernel k = context.kernel();
        try {
            for (Located l : byRoot) {
                RawString root = l.mount().root();
                if (l.mount().deleted()) {
                    deleted.add("namespace " + l.namespaceId() + ", " + l.mount().label() + " (its root was deleted)");
                    continue;
                }
                if (clones.keySet().stream().anyMatch(root::isPathUnder)) {
                    continue;
                }
                int clone = context.inNamespace(l.namespaceId(), () -> clone(k, l.mount()));
                if (clone == UNREACHABLE) {
                    missed.add("namespace " + l.namespaceId() + ", " + l.mount().label() + " (no path reaches it)");
                } else if (clone == UNCLONABLE) {
                    missed.add("namespace " + l.namespaceId() + ", " + l.mount().label() + " (unbindable: not cloned)");
                } else {
                    clones.put(root, clone);
                }
            }
        } catch (Exception | Error e) {
            clones.values().forEach(k::close);
            throw e;
        }
        if (clones.isEmpty()) {
            missed.addAll(deleted);
        }
        return new Regions(clones, missed);
    }

    /**
     * On a thread in the mount's namespace: a read-only, noatime, childless detached clone of
     * {@code m}; {@link #UNREACHABLE} when a lookup of its mountpoint lands elsewhere (it is
     * overmounted), {@link #UNCLONABLE} when it is unbindable.
     */
    private static int clone(Kernel k, Mount m) {
        RawString rel = m.mountpoint().relativeTo(RawString.SLASH);
        int root = k.openat2(AtFlags.AT_FDCWD, RawString.SLASH, PATH_FD, 0, 0);
        try {
            int at;
            try {
                at = rel.isEmpty() ? root
                        : k.openat2(root, rel, PATH_FD, 0, ResolveFlags.RESOLVE_BENEATH | ResolveFlags.RESOLVE_NO_SYMLINKS);
            } catch (NativeCallException e) {
                return UNREACHABLE; // hidden below a mount on a directory above it, or behind a symlink
            }
            try {
                if (k.statx(at, RawString.EMPTY, AtFlags.AT_EMPTY_PATH).mountId() != m.id()) {
                    return UNREACHABLE;
                }
                if (m.unbindable()) {
                    // The kernel refuses to clone an unbindable mount (EINVAL); another mount of
                    // the superblock may serve.
                    return UNCLONABLE;
                }
                int clone = k.openTree(at, RawString.EMPTY,
                        OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC | AtFlags.AT_EMPTY_PATH);
                try {
                    k.mountSetattr(clone, RawString.EMPTY, AtFlags.AT_EMPTY_PATH,
                            MountAttrFlags.MOUNT_ATTR_RDONLY | MountAttrFlags.MOUNT_ATTR_NOATIME,
                            MountAttrFlags.MOUNT_ATTR__ATIME, 0, 0);
                } catch (RuntimeException e) {
                    k.close(clone);
                    throw e;
                }
                return clone;
            } finally {
                if (at != root) {
                    k.close(at);
                }
            }
        } finally {
            k.close(root);
        }
    }
}
