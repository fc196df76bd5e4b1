package dev.mountflow.build;

import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.error.InputException;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.FreshMountTypes;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.Kernel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an image and a request into a {@link BuildPlan}, deciding for every mount where its
 * content comes from, and collecting, per mount, why it cannot be built. One pass over the mounts.
 */
public final class BuildPlanner {
    private final MountImage image;
    private final RestoreRequest request;
    private final List<String> problems;
    private final BuildPlan plan = new BuildPlan();
    private final Map<DeviceId, ContentSource> fresh = new HashMap<>();
    private final Map<String, ContentSource> externals = new HashMap<>();
    private ContentSource root;

    public BuildPlanner(MountImage image, RestoreRequest request, List<String> problems) {
        this.image = image;
        this.request = request;
        this.problems = problems;
    }

    /**
     * The plan of {@code image} for engine {@code engine}, its host-backed content checked through
     * what {@code opener} opens (see {@link HostContentCheck}): what the engine's validate starts from.
     *
     * @throws InputException {@code <engine> cannot restore this image:} and one line per problem,
     *     every problem at once
     */
    public static BuildPlan checked(MountImage image, RestoreRequest request, Kernel kernel,
                                    HostContentCheck.Opener opener, String engine) {
        List<String> problems = new ArrayList<>();
        BuildPlan plan = new BuildPlanner(image, request, problems).plan();
        if (problems.isEmpty()) {
            HostContentCheck content = new HostContentCheck(kernel, plan, request.createMountpoints(), problems, opener);
            for (ContentSource source : plan.sources()) {
                if (!source.isFresh()) {
                    content.check(source);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(engine + " cannot restore this image:\n  " + String.join("\n  ", problems));
        }
        return plan;
    }

    public BuildPlan plan() {
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
                ContentSource source = sourceFor(m, rootOfRoot);
                if (source != null) {
                    plan.assign(m, source);
                }
            }
        }
        return plan;
    }

    /**
     * A bind, like MOVE_MOUNT_SET_GROUP, gives a mount both the peer group and the master of its
     * source, so peers with different masters could not be rebuilt; the kernel keeps them equal anyway.
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

    private ContentSource sourceFor(Mount m, Mount rootOfRoot) {
        if (m.isExternal()) {
            Path path = request.externals().get(m.externalKey());
            if (path == null) {
                problems.add(plan.label(m) + ": external key '" + m.externalKey()
                        + "' has no host path; give it with --external mnt[" + m.externalKey() + "]:PATH");
                return null;
            }
            return externals.computeIfAbsent(m.externalKey(), k -> newSource(ContentSource.Kind.EXTERNAL, m, path));
        }
        if (FreshMountTypes.contains(m.fstype())) {
            return fresh.computeIfAbsent(m.device(), d -> newSource(ContentSource.Kind.FRESH, m, null));
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
            root = newSource(ContentSource.Kind.ROOT, rootOfRoot, request.root());
        }
        return root;
    }

    private ContentSource newSource(ContentSource.Kind kind, Mount first, Path hostPath) {
        ContentSource s = new ContentSource(plan.sources().size(), kind, first, hostPath,
                kind == ContentSource.Kind.FRESH ? RawString.SLASH : first.root());
        plan.addSource(s);
        return s;
    }
}
