package dev.mountflow.restore;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A stand-in for the canonical comparator until it lands: matches mounts by mountpoint (plus
 * their height in a stack of mounts on one mountpoint), compares everything but ids, devices and
 * group numbers, and compares the partitions into peer groups, masters and superblocks by the
 * member names they hold.
 */
final class TreeComparison {
    private TreeComparison() {
    }

    /** Differences between {@code image} and the restored tables (image namespace id to mounts), one line each. */
    static List<String> differences(MountImage image, Map<Integer, List<Mount>> restored) {
        List<String> out = new ArrayList<>();
        Labels expected = new Labels();
        Labels actual = new Labels();
        for (MountNamespace ns : image.namespaces()) {
            List<Mount> got = restored.get(ns.id());
            if (got == null) {
                out.add("namespace " + ns.id() + " was not restored");
                continue;
            }
            Map<String, String> want = expected.add(ns.id(), ns.mounts());
            Map<String, String> have = actual.add(ns.id(), got);
            for (var e : want.entrySet()) {
                String h = have.get(e.getKey());
                if (h == null) {
                    out.add(e.getKey() + ": missing, want " + e.getValue());
                } else if (!h.equals(e.getValue())) {
                    out.add(e.getKey() + ": want " + e.getValue() + "\n      have " + h);
                }
            }
            for (String k : have.keySet()) {
                if (!want.containsKey(k)) {
                    out.add(k + ": unexpected " + have.get(k));
                }
            }
        }
        compare(out, "peer groups", expected.partition(m -> m.isShared() ? m.sharedId() : null),
                actual.partition(m -> m.isShared() ? m.sharedId() : null));
        compare(out, "superblocks", expected.partition(m -> m.device().toString()),
                actual.partition(m -> m.device().toString()));
        compare(out, "masters", expected.masters(), actual.masters());
        return out;
    }

    private static void compare(List<String> out, String what, TreeSet<String> want, TreeSet<String> have) {
        if (!want.equals(have)) {
            out.add(what + ": want " + want + "\n      have " + have);
        }
    }

    /** Names mounts {@code ns<id>:<mountpoint>[#height]} and remembers them for the partitions. */
    private static final class Labels {
        private final Map<Mount, String> names = new HashMap<>();

        Map<String, String> add(int nsId, List<Mount> mounts) {
            Map<Integer, Mount> byId = new HashMap<>();
            mounts.forEach(m -> byId.put(m.id(), m));
            Map<String, String> out = new TreeMap<>();
            for (Mount m : mounts) {
                names.put(m, name(nsId, m, byId));
            }
            for (Mount m : mounts) {
                Mount parent = byId.get(m.parentId());
                out.put(names.get(m), describe(m) + " on " + (parent == null || parent == m ? "-" : names.get(parent)));
            }
            return out;
        }

        private static String name(int nsId, Mount m, Map<Integer, Mount> byId) {
            int height = 0;
            for (Mount p = byId.get(m.parentId()); p != null && p != m && p.mountpoint().equals(m.mountpoint());
                    p = byId.get(p.parentId())) {
                height++;
            }
            return "ns" + nsId + ":" + m.mountpoint() + (height > 0 ? "#" + height : "");
        }

        private static String describe(Mount m) {
            return m.fstype() + " '" + m.source() + "' root='" + m.root() + "'" + (m.deleted() ? " deleted" : "")
                    + " " + MountFlags.formatMountOptions(m.flags())
                    + " [" + MountFlags.formatSuperblockOptions(m.superFlags(), m.options()) + "] "
                    + m.propagation();
        }

        TreeSet<String> partition(Function<Mount, Object> key) {
            Map<Object, TreeSet<String>> parts = new HashMap<>();
            names.forEach((m, name) -> {
                Object k = key.apply(m);
                if (k != null) {
                    parts.computeIfAbsent(k, x -> new TreeSet<>()).add(name);
                }
            });
            TreeSet<String> out = new TreeSet<>();
            parts.values().forEach(s -> out.add(s.toString()));
            return out;
        }

        /** Each slave with the members of the group it receives from. */
        TreeSet<String> masters() {
            Map<Integer, TreeSet<String>> groups = new HashMap<>();
            names.forEach((m, name) -> {
                if (m.isShared()) {
                    groups.computeIfAbsent(m.sharedId(), x -> new TreeSet<>()).add(name);
                }
            });
            TreeSet<String> out = new TreeSet<>();
            names.forEach((m, name) -> {
                if (m.isSlave()) {
                    out.add(name + " <- " + groups.getOrDefault(m.masterId(), new TreeSet<>()));
                }
            });
            return out;
        }
    }
}
