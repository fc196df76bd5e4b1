package dev.mountflow.restore;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A plain {@link ImageVerifier}: matches mounts by namespace, mountpoint and stacking depth and
 * compares what a restore must reproduce (type, source, root, per-mount and superblock flags and
 * options, and whether the mount is shared, a slave, unbindable). Ids and devices are the
 * kernel's choice and are ignored; so is which peer group a mount is in, which only the canonical
 * comparison ({@code ImageComparator}) judges, by partitions.
 */
public final class MountpointVerifier implements ImageVerifier {
    private static final List<Map.Entry<String, Function<Mount, Object>>> FIELDS = List.of(
            Map.entry("fstype", Mount::fstype),
            Map.entry("source", Mount::source),
            Map.entry("root", Mount::root),
            Map.entry("mount flags", Mount::flags),
            Map.entry("superblock flags", Mount::superFlags),
            Map.entry("options", Mount::options),
            Map.entry("propagation", Mount::propagation));

    @Override
    public List<String> differences(MountImage expected, MountImage actual) {
        List<String> out = new ArrayList<>();
        for (MountNamespace ns : expected.namespaces()) {
            MountNamespace restored = actual.namespace(ns.id()).orElse(null);
            if (restored == null) {
                out.add("namespace " + ns.id() + ": in the image, not restored");
                continue;
            }
            compare(ns.id(), byPlace(ns), byPlace(restored), out);
        }
        for (MountNamespace ns : actual.namespaces()) {
            if (expected.namespace(ns.id()).isEmpty()) {
                out.add("namespace " + ns.id() + ": restored, not in the image");
            }
        }
        return out;
    }

    private static void compare(int ns, Map<String, Mount> expected, Map<String, Mount> actual, List<String> out) {
        for (Map.Entry<String, Mount> e : expected.entrySet()) {
            Mount restored = actual.get(e.getKey());
            String where = "namespace " + ns + " " + e.getKey();
            if (restored == null) {
                out.add(where + ": in the image, not restored");
                continue;
            }
            for (Map.Entry<String, Function<Mount, Object>> field : FIELDS) {
                Object want = field.getValue().apply(e.getValue());
                Object got = field.getValue().apply(restored);
                if (!Objects.equals(want, got)) {
                    out.add(where + ": " + field.getKey() + " '" + want + "' in the image, '" + got + "' restored");
                }
            }
        }
        for (String place : actual.keySet()) {
            if (!expected.containsKey(place)) {
                out.add("namespace " + ns + " " + place + ": restored, not in the image");
            }
        }
    }

    /**
     * Mounts keyed {@code '/a'} or, when stacked, {@code '/a' (stacked 2)}: the depth counts the
     * mounts below on the same mountpoint, found through parents, since listing order differs
     * between a namespace and its copy.
     */
    private static Map<String, Mount> byPlace(MountNamespace ns) {
        Map<Integer, Mount> byId = new HashMap<>();
        ns.mounts().forEach(m -> byId.put(m.id(), m));
        Map<String, Mount> out = new LinkedHashMap<>();
        for (Mount m : ns.mounts()) {
            int depth = 0;
            Mount below = byId.get(m.parentId());
            while (below != null && below != m && below.mountpoint().equals(m.mountpoint()) && depth < ns.mounts().size()) {
                depth++;
                below = byId.get(below.parentId());
            }
            out.put("'" + m.mountpoint() + "'" + (depth == 0 ? "" : " (stacked " + (depth + 1) + ")"), m);
        }
        return out;
    }
}
