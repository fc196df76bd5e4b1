package dev.mountflow.enginev1;

import dev.mountflow.compare.DiffRenderer;
import dev.mountflow.compare.Difference;
import dev.mountflow.compare.DifferenceKind;
import dev.mountflow.compare.ImageComparator;
import dev.mountflow.model.DeviceId;
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
 * canonically with the image as it must look at this point: every mount in place with its
 * per-mount flags and the sharing inheritance gave it, the marks that come later (a peer group of
 * its own, unbindable, read-only) not yet set. So a propagation v1 did not foresee fails the
 * restore here, naming the difference, rather than reaching a namespace. What a mount shows of its
 * content (superblock, root, type, source, options) is left to verify: host-backed content is the
 * operator's, and deleted roots still exist here.
 */
final class V1YardCheck {
    /** The one superblock every mount is given, its content being left to verify. */
    private static final DeviceId CONTENT = new DeviceId(0, 0);
    private V1YardCheck() {
    }

    /** @throws IllegalStateException naming {@code stage} and every difference */
    static void check(String stage, MountImage image, V1Plan plan, Path mountinfo) throws IOException {
        List<MountInfoEntry> entries;
        try (InputStream in = Files.newInputStream(mountinfo)) {
            entries = MountInfoParser.parse(in);
        }
        Map<RawString, MountInfoEntry> byMountpoint = new HashMap<>();
        for (MountInfoEntry e : entries) {
            byMountpoint.put(e.mountpoint(), e);
        }
        List<Difference> differences = new ArrayList<>();
        for (Difference d : new ImageComparator().compare(expected(image, plan), read(image, entries))) {
            differences.add(d.kind() == DifferenceKind.UNEXPECTED ? unexpected(d, image, byMountpoint) : d);
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException(stage + ": the trees under the roots yard differ from the image in "
                    + DiffRenderer.render(differences).stripTrailing());
        }
    }

    /** An unexpected mount described by what the work namespace shows of it: the comparison left its content out. */
    private static Difference unexpected(Difference d, MountImage image, Map<RawString, MountInfoEntry> byMountpoint) {
        int nsId = image.namespaces().get(d.namespace() - 1).id();
        RawString at = V1Restore.YARD.resolve(V1Locations.namespaceDir(nsId))
                .resolve(d.path().mountpoint().relativeTo(RawString.SLASH));
        MountInfoEntry e = byMountpoint.get(at);
        return e == null ? d : new Difference(d.namespace(), d.path(), d.kind(), d.expected(),
                e.fstype() + " '" + e.source() + "'");
    }

    /** The image without the marks set after populate-tree. */
    private static MountImage expected(MountImage image, V1Plan plan) {
        List<MountNamespace> namespaces = new ArrayList<>();
        for (MountNamespace ns : image.namespaces()) {
            List<Mount> mounts = new ArrayList<>();
            for (Mount m : ns.mounts()) {
                mounts.add(placed(m, m.mountpoint(), m.flags() & ~MountFlags.MS_RDONLY,
                        plan.lateShared().contains(m.id()) ? 0 : m.sharedId(), false));
            }
            namespaces.add(ns.withMounts(mounts));
        }
        return new MountImage(image.rootNamespaceId(), image.toolVersion(), namespaces);
    }

    /** {@code m} at {@code mountpoint} with the given flags and sharing, and its content left out. */
    private static Mount placed(Mount m, RawString mountpoint, int flags, int sharedId, boolean unbindable) {
        return new Mount(m.id(), m.parentId(), CONTENT, RawString.SLASH, mountpoint, "", RawString.EMPTY, flags, 0,
                RawString.EMPTY, sharedId, m.masterId(), unbindable, false, null);
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
                mounts.add(placed(m, RawString.SLASH.resolve(below), m.flags(), m.sharedId(), m.unbindable()));
                for (Mount child : children.getOrDefault(m.id(), List.of())) {
                    stack.push(child);
                }
            }
            namespaces.add(new MountNamespace(ns.id(), 0, 0, mounts));
        }
        return new MountImage(image.rootNamespaceId(), "yard", namespaces);
    }
}
