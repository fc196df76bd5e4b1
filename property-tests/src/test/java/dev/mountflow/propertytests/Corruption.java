package dev.mountflow.propertytests;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One defect to put into a valid image, chosen by indices resolved against it, and the problem
 * the validator must then report: on which mount (one of {@code suspects}) and in which field.
 * A kind that does not fit the image (dropping a parent where no mount has children) breaks a
 * mountpoint instead, which fits every image.
 *
 * @param kind what to break
 * @param a which mount, modulo the candidates
 * @param b a second choice (the other mount, the descendant, the way a path breaks)
 */
record Corruption(Kind kind, int a, int b) {
    enum Kind {
        /** Remove a mount that has children: they point at a parent the namespace lacks. */
        DROP_PARENT,
        /** Give a mount the id of an earlier one. */
        DUPLICATE_ID,
        /** Hang a mount from itself or from one of its descendants. */
        ADD_CYCLE,
        /** Make a mountpoint non-canonical, or move it out from under its parent's. */
        BREAK_PATH
    }

    /**
     * The corrupted image and what must be reported.
     *
     * @param suspects mount ids of which the report must name one
     * @param field the image field the report must name
     */
    record Corrupted(MountImage image, int namespaceId, Set<Integer> suspects, String field, String what) {
    }

    Corrupted applyTo(MountImage image) {
        Corrupted done = switch (kind) {
            case DROP_PARENT -> dropParent(image);
            case DUPLICATE_ID -> duplicateId(image);
            case ADD_CYCLE -> addCycle(image);
            case BREAK_PATH -> null;
        };
        return done != null ? done : breakPath(image);
    }

    private Corrupted dropParent(MountImage image) {
        List<int[]> candidates = new ArrayList<>();
        for (int n = 0; n < image.namespaces().size(); n++) {
            List<Mount> mounts = image.namespaces().get(n).mounts();
            for (int i = 1; i < mounts.size(); i++) {
                if (!children(mounts, mounts.get(i)).isEmpty()) {
                    candidates.add(new int[] {n, i});
                }
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        int[] at = candidates.get(a % candidates.size());
        MountNamespace ns = image.namespaces().get(at[0]);
        Mount dropped = ns.mounts().get(at[1]);
        List<Mount> kept = new ArrayList<>(ns.mounts());
        kept.remove(at[1]);
        Set<Integer> orphans = new HashSet<>();
        children(ns.mounts(), dropped).forEach(c -> orphans.add(c.id()));
        return new Corrupted(replace(image, at[0], kept), ns.id(), orphans, "parent_mnt_id",
                "dropped the parent " + dropped.label());
    }

    private Corrupted duplicateId(MountImage image) {
        List<int[]> all = positions(image);
        if (all.size() < 2) {
            return null;
        }
        int later = 1 + a % (all.size() - 1);
        int earlier = b % later;
        Mount first = mount(image, all.get(earlier));
        int[] at = all.get(later);
        MountNamespace ns = image.namespaces().get(at[0]);
        List<Mount> mounts = new ArrayList<>(ns.mounts());
        Mount m = mounts.get(at[1]);
        mounts.set(at[1], new Mount(first.id(), m.parentId(), m.device(), m.root(), m.mountpoint(), m.fstype(),
                m.source(), m.flags(), m.superFlags(), m.options(), m.sharedId(), m.masterId(), m.unbindable(),
                m.deleted(), m.externalKey()));
        return new Corrupted(replace(image, at[0], mounts), ns.id(), Set.of(first.id()), "mnt_id",
                "gave " + m.label() + " the id of " + first.label());
    }

    private Corrupted addCycle(MountImage image) {
        List<int[]> candidates = new ArrayList<>();
        for (int n = 0; n < image.namespaces().size(); n++) {
            for (int i = 1; i < image.namespaces().get(n).mounts().size(); i++) {
                candidates.add(new int[] {n, i});
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        int[] at = candidates.get(a % candidates.size());
        MountNamespace ns = image.namespaces().get(at[0]);
        Mount m = ns.mounts().get(at[1]);
        List<Mount> below = new ArrayList<>(List.of(m));
        for (int k = 0; k < below.size(); k++) {
            below.addAll(children(ns.mounts(), below.get(k)));
        }
        Mount onto = below.get(b % below.size());
        Set<Integer> loop = new HashSet<>();
        for (Mount x = onto; x != m; x = parent(ns.mounts(), x)) {
            loop.add(x.id());
        }
        loop.add(m.id());
        List<Mount> mounts = new ArrayList<>(ns.mounts());
        mounts.set(at[1], withParent(m, onto.id()));
        return new Corrupted(replace(image, at[0], mounts), ns.id(), loop, "parent_mnt_id",
                "hung " + m.label() + " from " + onto.label());
    }

    private Corrupted breakPath(MountImage image) {
        List<int[]> all = positions(image);
        int[] at = all.get(a % all.size());
        MountNamespace ns = image.namespaces().get(at[0]);
        Mount m = ns.mounts().get(at[1]);
        String path = new String(m.mountpoint().toByteArray(), StandardCharsets.ISO_8859_1);
        Mount parent = parent(ns.mounts(), m);
        boolean canLeaveParent = parent != null && !parent.mountpoint().equals(RawString.SLASH);
        String broken = switch (b % (canLeaveParent ? 6 : 5)) {
            case 0 -> path + "/";
            case 1 -> "/" + path;
            case 2 -> path.equals("/") ? "/." : path + "/.";
            case 3 -> path.equals("/") ? "/.." : path + "/../x";
            case 4 -> path.equals("/") ? "." : path.substring(1);
            default -> "/elsewhere-than-its-parent";
        };
        RawString mountpoint = RawString.of(broken.getBytes(StandardCharsets.ISO_8859_1));
        List<Mount> mounts = new ArrayList<>(ns.mounts());
        mounts.set(at[1], new Mount(m.id(), m.parentId(), m.device(), m.root(), mountpoint, m.fstype(), m.source(),
                m.flags(), m.superFlags(), m.options(), m.sharedId(), m.masterId(), m.unbindable(), m.deleted(),
                m.externalKey()));
        return new Corrupted(replace(image, at[0], mounts), ns.id(), Set.of(m.id()), "mountpoint",
                "moved " + m.label() + " to '" + mountpoint + "'");
    }

    private static List<int[]> positions(MountImage image) {
        List<int[]> all = new ArrayList<>();
        for (int n = 0; n < image.namespaces().size(); n++) {
            for (int i = 0; i < image.namespaces().get(n).mounts().size(); i++) {
                all.add(new int[] {n, i});
            }
        }
        return all;
    }

    private static Mount mount(MountImage image, int[] at) {
        return image.namespaces().get(at[0]).mounts().get(at[1]);
    }

    private static List<Mount> children(List<Mount> mounts, Mount parent) {
        return mounts.stream().filter(c -> c != parent && c.parentId() == parent.id()).toList();
    }

    private static Mount parent(List<Mount> mounts, Mount child) {
        return mounts.stream().filter(p -> p != child && p.id() == child.parentId()).findFirst().orElse(null);
    }

    private static Mount withParent(Mount m, int parentId) {
        return new Mount(m.id(), parentId, m.device(), m.root(), m.mountpoint(), m.fstype(), m.source(), m.flags(),
                m.superFlags(), m.options(), m.sharedId(), m.masterId(), m.unbindable(), m.deleted(), m.externalKey());
    }

    private static MountImage replace(MountImage image, int index, List<Mount> mounts) {
        List<MountNamespace> namespaces = new ArrayList<>(image.namespaces());
        namespaces.set(index, namespaces.get(index).withMounts(mounts));
        return new MountImage(image.rootNamespaceId(), image.toolVersion(), namespaces);
    }
}
