package dev.mountflow.plugins.gc;

import dev.mountflow.engine.LinkRemaps;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.plugin.Leftover;
import dev.mountflow.plugins.common.RelativePath;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.FileAttributes;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.ResolveFlags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Link remaps of an image in its {@code --root} content: for each mount the image lists as
 * deleted whose root lies in the root namespace's root filesystem, the path a restore recreates to
 * bind it. Only a path that carries {@link LinkRemaps#MARK} is one: a restore made it, so removing
 * it takes nothing of the operator's. Paths are looked up below the root directory without
 * following symlinks or leaving its mount.
 */
final class LinkRemapLeftovers {
    private final Kernel kernel;

    LinkRemapLeftovers(Kernel kernel) {
        this.kernel = kernel;
    }

    List<Leftover> find(MountImage image, java.nio.file.Path rootDir) {
        Mount rootOfRoot = image.namespace(image.rootNamespaceId()).map(LinkRemapLeftovers::rootMount).orElse(null);
        if (rootOfRoot == null) {
            return List.of();
        }
        Map<RawString, String> candidates = new LinkedHashMap<>();
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                if (m.deleted() && !m.isExternal() && m.device().equals(rootOfRoot.device())
                        && m.root().isPathUnder(rootOfRoot.root())) {
                    RawString rel = m.root().relativeTo(rootOfRoot.root());
                    if (!rel.isEmpty()) {
                        candidates.putIfAbsent(rel, "namespace " + ns.id() + ", " + m.label());
                    }
                }
            }
        }
        List<Leftover> out = new ArrayList<>();
        if (candidates.isEmpty()) {
            return out;
        }
        int root = kernel.open(RawString.of(rootDir.toString()), OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC);
        try {
            for (Map.Entry<RawString, String> c : candidates.entrySet()) {
                if (isMarked(root, c.getKey())) {
                    RawString rel = c.getKey();
                    out.add(new Leftover("link remap", "'" + rootDir + "/" + rel + "' (deleted root of " + c.getValue() + ")",
                            () -> remove(rootDir, rel)));
                }
            }
        } finally {
            kernel.close(root);
        }
        return out;
    }

    private boolean isMarked(int root, RawString rel) {
        RelativePath path = RelativePath.of(rel);
        int dir;
        try {
            dir = path.parent().isEmpty() ? root
                    : kernel.openat2(root, path.parent(), OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0, ResolveFlags.CONFINED);
        } catch (NativeCallException e) {
            return false;
        }
        try {
            kernel.lgetxattr(RelativePath.viaProc(dir, path.name()), LinkRemaps.MARK);
            return true;
        } catch (NativeCallException e) {
            return false;
        } finally {
            if (dir != root) {
                kernel.close(dir);
            }
        }
    }

    /** Removes the path again, resolved afresh: an empty directory or a file, as a restore made it. */
    private void remove(java.nio.file.Path rootDir, RawString rel) {
        int root = kernel.open(RawString.of(rootDir.toString()), OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC);
        try {
            RelativePath path = RelativePath.of(rel);
            int dir = path.parent().isEmpty() ? root : kernel.openat2(root, path.parent(),
                    OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0, ResolveFlags.CONFINED);
            try {
                RawString name = path.name();
                FileAttributes a = kernel.attributes(dir, name, AtFlags.AT_SYMLINK_NOFOLLOW);
                kernel.unlinkat(dir, name, a.isDirectory() ? AtFlags.AT_REMOVEDIR : 0);
            } finally {
                if (dir != root) {
                    kernel.close(dir);
                }
            }
        } catch (NativeCallException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e;
            }
        } finally {
            kernel.close(root);
        }
    }

    private static Mount rootMount(MountNamespace ns) {
        Set<Integer> ids = new HashSet<>();
        ns.mounts().forEach(m -> ids.add(m.id()));
        for (Mount m : ns.mounts()) {
            if (m.parentId() == m.id() || !ids.contains(m.parentId())) {
                return m;
            }
        }
        return null;
    }
}
