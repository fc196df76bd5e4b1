package dev.mountflow.enginev2;

import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.FreshMountTypes;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an image and a request into a {@link V2Plan}, deciding for every mount where its
 * content comes from, and collecting, per mount, why it cannot be built. One pass over the mounts.
 */
final class V2Planner {
    private final MountImage image;
    private final RestoreRequest request;
    private final List<String> problems;
    private final V2Plan plan = new V2Plan();
    private final Map<DeviceId, V2Source> fresh = new HashMap<>();
    private final Map<String, V2Source> externals = new HashMap<>();
    private V2Source root;

    V2Planner(MountImage image, RestoreRequest request, List<String> problems) {
        this.image = image;
        this.request = request;
        this.problems = problems;
    }

    V2Plan plan() {
        for (MountNamespace ns : image.namespaces()) {
            plan.add(ns, rootMount(ns));
        }
        plan.sortChildren();
        plan.findCovered();
        Mount rootOfRoot = plan.roots().get(image.rootNamespaceId());
        Map<Integer, Mount> firstOfGroup = new HashMap<>();
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                requireOneMasterPerGroup(firstOfGroup, m);
                V2Source source = sourceFor(m, rootOfRoot);
                if (source != null) {
                    plan.assign(m, source);
                }
            }
        }
        return plan;
    }

    /**
     * MOVE_MOUNT_SET_GROUP gives a mount both the peer group and the master of its source, so
     * peers with different masters could not be rebuilt; the kernel keeps them equal anyway.
     */
    private void requireOneMasterPerGroup(Map<Integer, Mount> firstOfGroup, Mount m) {
        if (!m.isShared()) {
            return;
        }
        Mount first = firstOfGroup.putIfAbsent(m.sharedId(), m);
        if (first != null && first.masterId() != m.masterId()) {
            problems.add(plan.label(m) + ": peer group " + m.sharedId() + " has master " + m.masterId()
                    + " here but " + first.masterId() + " at " + first.label());
        }
    }

    private static Mount rootMount(MountNamespace ns) {
        Set<Integer> ids = new HashSet<>();
        for (Mount m : ns.mounts()) {
            ids.add(m.id());
        }
        for (Mount m : ns.mounts()) {
            if (m.parentId() == m.id() || !ids.contains(m.parentId())) {
                return m;
            }
        }
        throw new IllegalStateException("namespace " + ns.id() + " has no root mount; validation should have refused it");
    }

    private V2Source sourceFor(Mount m, Mount rootOfRoot) {
        if (m.isExternal()) {
            Path path = request.externals().get(m.externalKey());
            if (path == null) {
                problems.add(plan.label(m) + ": external key '" + m.externalKey()
                        + "' has no host path; give it with --external mnt[" + m.externalKey() + "]:PATH");
                return null;
            }
            return externals.computeIfAbsent(m.externalKey(), k -> newSource(V2Source.Kind.EXTERNAL, m, path));
        }
        if (FreshMountTypes.contains(m.fstype())) {
            return fresh.computeIfAbsent(m.device(), d -> newSource(V2Source.Kind.FRESH, m, null));
        }
        boolean fromRoot = !rootOfRoot.isExternal() && m.device().equals(rootOfRoot.device())
                && m.root().isPathUnder(rootOfRoot.root());
        if (!fromRoot) {
            problems.add(plan.label(m) + ": fstype '" + m.fstype() + "' (device " + m.device()
                    + ") is host-backed and is neither external nor inside the root mount's content");
            return null;
        }
        if (request.root() == null) {
            if (m == rootOfRoot) {
                problems.add(plan.label(m) + ": the image's root mount is host-backed ('" + m.fstype()
                        + "' " + m.source() + "); give its content with --root DIR");
            }
            return null;
        }
        if (root == null) {
            root = newSource(V2Source.Kind.ROOT, rootOfRoot, request.root());
        }
        return root;
    }

    private V2Source newSource(V2Source.Kind kind, Mount first, Path hostPath) {
        V2Source s = new V2Source(plan.sources().size(), kind, first, hostPath,
                kind == V2Source.Kind.FRESH ? RawString.SLASH : first.root());
        plan.addSource(s);
        return s;
    }
}
