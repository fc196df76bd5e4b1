package dev.mountflow.compare;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Gives an image other mount ids, device numbers and group ids, each through a one-to-one map, so
 * that only the numbers change and no partition does: what a second dump of the same layout, or a
 * restore of it, looks like.
 */
public final class Renumbering {
    private final Map<Integer, Integer> ids;
    private final Map<DeviceId, DeviceId> devices;
    private final Map<Integer, Integer> groups;

    private Renumbering(Map<Integer, Integer> ids, Map<DeviceId, DeviceId> devices, Map<Integer, Integer> groups) {
        this.ids = ids;
        this.devices = devices;
        this.groups = groups;
    }

    /** Random new numbers from {@code seed}. */
    public static MountImage random(MountImage image, long seed) {
        Random random = new Random(seed);
        return permuted(image, list -> {
            List<Object> shuffled = new ArrayList<>(list);
            Collections.shuffle(shuffled, random);
            return shuffled;
        });
    }

    /** Each kind of number replaced by the same set of numbers in reverse order of first use. */
    public static MountImage reversed(MountImage image) {
        return permuted(image, list -> {
            List<Object> reversed = new ArrayList<>(list);
            Collections.reverse(reversed);
            return reversed;
        });
    }

    private static MountImage permuted(MountImage image, UnaryOperator<List<Object>> permutation) {
        Set<Object> ids = new LinkedHashSet<>();
        Set<Object> devices = new LinkedHashSet<>();
        Set<Object> groups = new LinkedHashSet<>();
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                ids.add(m.id());
                ids.add(m.parentId());
                devices.add(m.device());
                if (m.sharedId() != 0) {
                    groups.add(m.sharedId());
                }
                if (m.masterId() != 0) {
                    groups.add(m.masterId());
                }
            }
        }
        return new Renumbering(mapping(ids, permutation), mapping(devices, permutation), mapping(groups, permutation))
                .apply(image);
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<T, T> mapping(Set<Object> values, UnaryOperator<List<Object>> permutation) {
        List<Object> from = new ArrayList<>(values);
        List<Object> to = permutation.apply(from);
        Map<T, T> map = new HashMap<>();
        for (int i = 0; i < from.size(); i++) {
            map.put((T) from.get(i), (T) to.get(i));
        }
        return map;
    }

    private MountImage apply(MountImage image) {
        List<MountNamespace> namespaces = new ArrayList<>();
        for (MountNamespace ns : image.namespaces()) {
            namespaces.add(ns.withMounts(ns.mounts().stream().map(this::apply).toList()));
        }
        return new MountImage(image.rootNamespaceId(), image.toolVersion(), namespaces);
    }

    private Mount apply(Mount m) {
        return new Mount(ids.get(m.id()), ids.get(m.parentId()), devices.get(m.device()), m.root(), m.mountpoint(),
                m.fstype(), m.source(), m.flags(), m.superFlags(), m.options(), group(m.sharedId()),
                group(m.masterId()), m.unbindable(), m.deleted(), m.externalKey());
    }

    private int group(int id) {
        return id == 0 ? 0 : groups.get(id);
    }
}
