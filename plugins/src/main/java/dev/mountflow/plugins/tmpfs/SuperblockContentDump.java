package dev.mountflow.plugins.tmpfs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.error.InputException;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.plugin.DumpContext;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MountAttrFlags;
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
 * (its mountpoint overmounted) is skipped for another of the same superblock.
 */
final class SuperblockContentDump {
    private static final int PATH_FD = OpenFlags.O_PATH | OpenFlags.O_CLOEXEC;

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
        for (Map.Entry<DeviceId, List<Located>> sb : superblocks.entrySet()) {
            String file = ContentArchive.fileName(sb.getKey());
            ContentWalker walker = new ContentWalker(context.kernel());
            context.writeFile(file, out -> {
                GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
                TarEntryWriter tar = new TarEntryWriter(gzip);
                dump(context, sb.getKey(), sb.getValue(), walker, tar);
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
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("superblocks", written);
        context.putData(data);
    }

    private void dump(DumpContext context, DeviceId device, List<Located> mounts, ContentWalker walker,
                      TarEntryWriter tar) throws Exception {
        List<Located> byRoot = new ArrayList<>(mounts);
        byRoot.sort(Comparator.comparingInt(l -> l.mount().root().length()));
        List<RawString> done = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        Kernel k = context.kernel();
        for (Located l : byRoot) {
            RawString root = l.mount().root();
            if (done.stream().anyMatch(root::isPathUnder)) {
                continue;
            }
            int clone = context.inNamespace(l.namespaceId(), () -> clone(k, l.mount()));
            if (clone < 0) {
                unreachable.add("namespace " + l.namespaceId() + ", " + l.mount().label());
                continue;
            }
            try {
                walker.walk(clone, root.relativeTo(RawString.SLASH), tar::write);
            } finally {
                k.close(clone);
            }
            done.add(root);
        }
        for (Located l : byRoot) {
            if (done.stream().noneMatch(l.mount().root()::isPathUnder)) {
                throw new InputException("the content of tmpfs " + device + " cannot be read: "
                        + String.join(", ", unreachable) + " is overmounted, and no other mount shows '"
                        + l.mount().root() + "'");
            }
        }
    }

    /**
     * On a thread in the mount's namespace: a read-only, noatime, childless detached clone of
     * {@code m}, or -1 when a lookup of its mountpoint lands on another mount (it is overmounted).
     */
    private static int clone(Kernel k, Mount m) {
        RawString rel = m.mountpoint().relativeTo(RawString.SLASH);
        int root = k.openat2(AtFlags.AT_FDCWD, RawString.SLASH, PATH_FD, 0, 0);
        try {
            int at = rel.isEmpty() ? root
                    : k.openat2(root, rel, PATH_FD, 0, ResolveFlags.RESOLVE_BENEATH | ResolveFlags.RESOLVE_NO_SYMLINKS);
            try {
                if (k.statx(at, RawString.EMPTY, AtFlags.AT_EMPTY_PATH).mountId() != m.id()) {
                    return -1;
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
