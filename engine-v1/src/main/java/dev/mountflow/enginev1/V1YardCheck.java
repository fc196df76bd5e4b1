package dev.mountflow.enginev1;

import dev.mountflow.compare.DiffRenderer;
import dev.mountflow.compare.Difference;
import dev.mountflow.compare.ImageComparator;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the trees under the roots yard back from the work namespace's mountinfo and compares them
 * canonically with the image as it must look at this point: every mount in place with its flags
 * and the sharing inheritance gave it, the marks that come later (a peer group of its own, unbindable,
 * read-only) not yet set, and deleted roots recreated. So a propagation v1 did not foresee fails the restore here, naming the
 * difference, rather than reaching a namespace.
 */
final class V1YardCheck {
    private V1YardCheck() {
    }

    /** @throws IllegalStateException naming {@code stage} and every difference */
    static void check(String stage, MountImage image, V1Plan plan, Path mountinfo) throws IOException {
        List<MountInfoEntry> entries;
        try (InputStream in = Files.newInputStream(mountinfo)) {
            entries = MountInfoParser.parse(in);
        }
        List<Difference> differences = new ImageComparator().compare(expected(image, plan), read(image, entries));
        if (!differences.isEmpty()) {
            throw new IllegalStateException(stage + ": the trees under the roots yard differ from the image in "
                    + DiffRenderer.render(differences).stripTrailing());
        }
    }

    /** The image without the marks set after populate-tree, deleted roots still there. */
    private static MountImage expected(MountImage image, V1Plan plan) {
        List<MountNamespace> namespaces = new ArrayList<>();
        for (MountNamespace ns : image.namespaces()) {
            List<Mount> mounts = new ArrayList<>();
            for (Mount m : ns.mounts()) {
                mounts.add(new Mount(m.id(), m.parentId(), m.device(), m.root(), m.mountpoint(), m.fstype(), m.source(),
                        m.flags() & ~MountFlags.MS_RDONLY, m.superFlags() & ~MountFlags.MS_RDONLY, m.options(),
                        plan.lateShared().contains(m.id()) ? 0 : m.sharedId(), m.masterId(), false, false,
                        m.externalKey()));
            }
            namespaces.add(ns.withMounts(mounts));
        }
        return new MountImage(image.rootNamespaceId(), image.toolVersion(), namespaces);
    }

    /** Each namespace's tree under its directory of the yard, with the yard's path cut off its mountpoints. */
    private static MountImage read(MountImage image, List<MountInfoEntry> entries) {
        Map<Integer, List<Mount>> children = new HashMap<>();
        Map<RawString, Mount> onYardDirectory = new HashMap<>();
        int yard = -1;
        for (MountInfoEntry e : entries) {
            if (e.mountpoint().equals(V1Restore.YARD) && e.source().equals(RawString.of("mountflow-yard"))) {
                yard = e.mountId();
            }
        }
        for (MountInfoEntry e : entries) {
            Mount m = e.toMount();
            children.computeIfAbsent(m.parentId(), k -> new ArrayList<>()).add(m);
            if (m.parentId() == yard) {
                onYardDirectory.putIfAbsent(m.mountpoint(), m);
            }
        }
        List<MountNamespace> namespaces = new ArrayList<>();
        for (MountNamespace ns : image.namespaces()) {
            RawString prefix = V1Restore.YARD.resolve(V1Locations.namespaceDir(ns.id()));
            List<Mount> mounts = new ArrayList<>();
            Mount root = onYardDirectory.get(prefix);
            Deque<Mount> stack = new ArrayDeque<>();
            if (root != null) {
                stack.push(root);
            }
            while (!stack.isEmpty()) {
                Mount m = stack.pop();
                RawString below = m.mountpoint().relativeTo(prefix);
                mounts.add(new Mount(m.id(), m.parentId(), m.device(), m.root(), RawString.SLASH.resolve(below),
                        m.fstype(), m.source(), m.flags(), m.superFlags(), m.options(), m.sharedId(), m.masterId(),
                        m.unbindable(), m.deleted(), m.externalKey()));
                for (Mount child : children.getOrDefault(m.id(), List.of())) {
                    stack.push(child);
                }
            }
            namespaces.add(new MountNamespace(ns.id(), 0, 0, mounts));
        }
        return new MountImage(image.rootNamespaceId(), "yard", namespaces);
    }
}
