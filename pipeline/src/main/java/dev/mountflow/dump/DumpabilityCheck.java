package dev.mountflow.dump;

import dev.mountflow.model.FreshMountTypes;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the mounts of a captured image that a restore could not rebuild faithfully, so that dump
 * refuses instead of writing a wrong image:
 * <ul>
 *   <li>a slave whose master peer group has no member in the dumped namespaces (it lives in a
 *       namespace we do not own, e.g. the host) and that is not marked external;</li>
 *   <li>a mount of a host-backed filesystem (not in {@link FreshMountTypes}) that is neither the
 *       root namespace's root mount (its content comes from {@code --root}), nor a bind from that
 *       root's superblock lying inside it (bound from {@code --root}, as CRIU does), nor external.</li>
 * </ul>
 * One pass over the mounts with the peer groups in a set: linear in the number of mounts.
 */
public final class DumpabilityCheck {

    /** Every reason the image cannot be dumped, in namespace and mount order; empty when it can. */
    public List<String> problems(MountImage image) {
        Set<Integer> groups = new HashSet<>();
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                if (m.isShared()) {
                    groups.add(m.sharedId());
                }
            }
        }
        Mount rootOfRoot = image.namespace(image.rootNamespaceId()).map(DumpabilityCheck::rootMount).orElse(null);
        List<String> problems = new ArrayList<>();
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                if (m.isExternal()) {
                    continue;
                }
                String where = "namespace " + ns.id() + ", " + m.label() + ": ";
                String hint = "; mark it external with --external mnt[" + m.mountpoint() + "]:KEY";
                if (m.isSlave() && !groups.contains(m.masterId())) {
                    problems.add(where + "its master, peer group " + m.masterId()
                            + ", is outside the dumped namespaces" + hint);
                }
                if (!FreshMountTypes.contains(m.fstype()) && !fromRootContent(m, rootOfRoot)) {
                    problems.add(where + "fstype '" + m.fstype() + "' (source '" + m.source()
                            + "') holds host content that mountflow cannot recreate, and the mount is not a bind"
                            + " from the root namespace's root filesystem" + hint);
                }
            }
        }
        return problems;
    }

    private static boolean fromRootContent(Mount m, Mount rootOfRoot) {
        return rootOfRoot != null
                && (m == rootOfRoot
                || (m.device().equals(rootOfRoot.device()) && m.root().isPathUnder(rootOfRoot.root())));
    }

    /** The mount whose parent is not a mount of the namespace (or that is its own parent). */
    static Mount rootMount(MountNamespace ns) {
        Map<Integer, Mount> byId = new HashMap<>();
        for (Mount m : ns.mounts()) {
            byId.put(m.id(), m);
        }
        for (Mount m : ns.mounts()) {
            if (m.parentId() == m.id() || !byId.containsKey(m.parentId())) {
                return m;
            }
        }
        return null;
    }
}
