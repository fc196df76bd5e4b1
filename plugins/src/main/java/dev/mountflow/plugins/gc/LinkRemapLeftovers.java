package dev.mountflow.plugins.gc;

import dev.mountflow.engine.LinkRemaps;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.plugin.Leftover;
import dev.mountflow.spi.Kernel;
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
        for (Map.Entry<RawString, String> c : candidates.entrySet()) {
            RawString rel = c.getKey();
            if (LinkRemaps.isMarked(kernel, rootDir, rel)) {
                out.add(new Leftover("link remap", "'" + rootDir + "/" + rel + "' (deleted root of " + c.getValue() + ")",
                        () -> LinkRemaps.remove(kernel, rootDir, rel)));
            }
        }
        return out;
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
