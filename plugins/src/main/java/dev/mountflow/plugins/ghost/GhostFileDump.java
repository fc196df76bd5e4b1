package dev.mountflow.plugins.ghost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.error.InputException;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.plugin.DumpContext;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.FileAttributes;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.ResolveFlags;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Puts the files {@code dump --ghost-file PATH} names into the image: each PATH is looked up in
 * the dumped process's own namespace (symlinks not followed), its mount found by the id statx
 * reports, and its content, permissions, owner and modification time stored.
 */
final class GhostFileDump {
    void write(DumpContext context, List<String> paths) throws Exception {
        if (paths.isEmpty()) {
            return;
        }
        Kernel k = context.kernel();
        MountNamespace ns = context.image().namespace(context.image().rootNamespaceId()).orElseThrow();
        ArrayNode files = JsonNodeFactory.instance.arrayNode();
        int n = 0;
        for (String text : paths) {
            if (!text.startsWith("/")) {
                throw new InputException("--ghost-file '" + text + "': the path must be absolute");
            }
            RawString rel = RawString.of(text).relativeTo(RawString.SLASH);
            int fd;
            try {
                fd = context.inNamespace(ns.id(), () -> open(k, rel));
            } catch (NativeCallException e) {
                throw new InputException("--ghost-file '" + text + "': " + e.getMessage(), e);
            }
            try {
                FileAttributes a = k.attributes(fd, RawString.EMPTY, AtFlags.AT_EMPTY_PATH);
                if (!a.isRegular()) {
                    throw new InputException("--ghost-file '" + text + "' is not a regular file");
                }
                long mountId = k.statx(fd, RawString.EMPTY, AtFlags.AT_EMPTY_PATH).mountId();
                Mount mount = ns.mounts().stream().filter(m -> m.id() == mountId).findFirst()
                        .orElseThrow(() -> new InputException("--ghost-file '" + text + "' is on mount " + mountId
                                + ", which is not in the dumped namespace"));
                RawString inMount = RawString.of(text).relativeTo(mount.mountpoint());
                String file = "ghost-" + (++n) + ".img";
                context.writeFile(file, out -> {
                    try (FileChannel in = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ)) {
                        in.transferTo(0, a.size(), Channels.newChannel(out));
                    }
                });
                files.add(new GhostFile(ns.id(), mount.id(), inMount, a.permissions(), a.uid(), a.gid(),
                        a.mtime().seconds(), a.mtime().nanos(), a.size(), file).toJson());
            } finally {
                k.close(fd);
            }
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("files", files);
        context.putData(data);
    }

    /** On a thread of the dumped namespace: the file, reached from its root without following symlinks. */
    private static int open(Kernel k, RawString rel) {
        int root = k.openat2(AtFlags.AT_FDCWD, RawString.SLASH, OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0, 0);
        try {
            return k.openat2(root, rel, OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW | OpenFlags.O_CLOEXEC, 0,
                    ResolveFlags.RESOLVE_BENEATH | ResolveFlags.RESOLVE_NO_SYMLINKS);
        } finally {
            k.close(root);
        }
    }
}
