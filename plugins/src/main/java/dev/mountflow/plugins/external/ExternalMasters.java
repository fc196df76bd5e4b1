package dev.mountflow.plugins.external;

import dev.mountflow.error.InputException;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import dev.mountflow.plugins.common.VisibleMounts;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * External mounts whose master peer group is outside the image: at dump time they were slaves of
 * a host mount. An engine builds only the image's own groups, so it is given them as private
 * mounts ({@link #withoutOutsideMasters}), and the plugin makes each a slave of the host mount
 * the operator mapped its key to once the engine's groups are built.
 */
final class ExternalMasters {
    private static final Path HOST_MOUNTINFO = Path.of("/proc/self/mountinfo");

    /** A mount to make a slave of the host mount holding {@code hostPath}. */
    record Slave(int namespaceId, Mount mount, Path hostPath) {
    }

    /** Every external pure slave of the image whose master has no member in it. */
    static List<Mount> outsideSlaves(MountImage image) {
        Set<Integer> groups = groups(image);
        List<Mount> out = new ArrayList<>();
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                if (m.isExternal() && m.isSlave() && !groups.contains(m.masterId())) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** The image with the masters outside it taken off their slaves, for the engine. */
    static MountImage withoutOutsideMasters(MountImage image) {
        Set<Integer> groups = groups(image);
        List<MountNamespace> namespaces = new ArrayList<>();
        boolean changed = false;
        for (MountNamespace ns : image.namespaces()) {
            List<Mount> mounts = new ArrayList<>(ns.mounts().size());
            for (Mount m : ns.mounts()) {
                if (m.isExternal() && m.isSlave() && !groups.contains(m.masterId())) {
                    m = new Mount(m.id(), m.parentId(), m.device(), m.root(), m.mountpoint(), m.fstype(), m.source(),
                            m.flags(), m.superFlags(), m.options(), m.sharedId(), 0, m.unbindable(), m.deleted(),
                            m.externalKey());
                    changed = true;
                }
                mounts.add(m);
            }
            namespaces.add(ns.withMounts(mounts));
        }
        return changed ? new MountImage(image.rootNamespaceId(), image.toolVersion(), namespaces) : image;
    }

    /**
     * The slaves to make, checked before anything is mounted: each is a pure slave (a shared mount
     * would need its whole peer group made a slave at once, which only the engine could do), no
     * path is hidden by an overmount, and the host mount holding its path is shared.
     */
    static List<Slave> plan(MountImage image, Map<String, Path> externals, Kernel kernel) {
        List<Slave> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<Integer, VisibleMounts> visible = new HashMap<>();
        Map<Long, MountInfoEntry> host = null;
        Set<Integer> groups = groups(image);
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                if (!m.isExternal() || !m.isSlave() || groups.contains(m.masterId())) {
                    continue;
                }
                String where = "namespace " + ns.id() + ", " + m.label() + " (a slave of peer group " + m.masterId()
                        + " outside the image)";
                Path path = externals.get(m.externalKey());
                if (path == null) {
                    continue; // the keys check reports it
                }
                if (m.isShared()) {
                    problems.add(where + ": it is shared too; only a mount that is a slave and nothing else"
                            + " can be given a host master");
                    continue;
                }
                VisibleMounts v = visible.computeIfAbsent(ns.id(), id -> new VisibleMounts(ns));
                if (v.isCovered(m)) {
                    problems.add(where + ": it is overmounted by " + v.coveringOf(m).label()
                            + ", so its path cannot reach it to make it a slave");
                    continue;
                }
                if (host == null) {
                    host = hostTable();
                }
                long mountId = kernel.statx(AtFlags.AT_FDCWD, RawString.of(path.toString()), 0).mountId();
                MountInfoEntry holder = host.get(mountId);
                if (holder == null || holder.sharedId() == 0) {
                    problems.add(where + ": --external mnt[" + m.externalKey() + "]:" + path + " is on host mount "
                            + (holder == null ? mountId : "'" + holder.mountpoint() + "'")
                            + ", which is not shared, so it cannot be its master");
                    continue;
                }
                out.add(new Slave(ns.id(), m, path));
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(String.join("\n  ", problems));
        }
        return out;
    }

    private static Set<Integer> groups(MountImage image) {
        Set<Integer> groups = new HashSet<>();
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                if (m.isShared()) {
                    groups.add(m.sharedId());
                }
            }
        }
        return groups;
    }

    private static Map<Long, MountInfoEntry> hostTable() {
        try (InputStream in = Files.newInputStream(HOST_MOUNTINFO)) {
            Map<Long, MountInfoEntry> byId = new HashMap<>();
            for (MountInfoEntry e : MountInfoParser.parse(in)) {
                byId.put((long) e.mountId(), e);
            }
            return byId;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + HOST_MOUNTINFO, e);
        }
    }
}
