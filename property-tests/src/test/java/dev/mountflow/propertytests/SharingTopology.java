package dev.mountflow.propertytests;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peer groups, masters and unbindable marks to lay over a forest of mounts, as choices resolved
 * against the forest when applied, so any topology fits any forest: the {@code i}-th mount of the
 * image (in image order) takes the {@code i}-th choices, modulo their count. The result is what
 * the kernel can show: groups stay within one superblock (every propagation tree is made of
 * clones of one mount), peers share one master, and masters come before their slaves in a fixed
 * order of each superblock's groups, so the master relation has no cycle.
 *
 * @param groups per mount: 0 for not shared, else the superblock-local group slot 1 to 3 it joins
 * @param masters per mount: 0 for no master, else which slot the master is among the slots below
 *     the mount's own (a pure slave takes any slot of its superblock)
 * @param unbindable per mount: whether it is marked unbindable (only a private mount can be)
 */
record SharingTopology(List<Integer> groups, List<Integer> masters, List<Boolean> unbindable) {
    static final int SLOTS = 3;

    SharingTopology {
        groups = List.copyOf(groups);
        masters = List.copyOf(masters);
        unbindable = List.copyOf(unbindable);
    }

    /** {@code forest} with this topology's sharing; its own sharing is replaced. */
    MountImage applyTo(MountImage forest) {
        List<Mount> all = new ArrayList<>();
        forest.namespaces().forEach(ns -> all.addAll(ns.mounts()));
        Map<DeviceId, Integer> deviceIndex = new LinkedHashMap<>();
        for (Mount m : all) {
            deviceIndex.putIfAbsent(m.device(), deviceIndex.size());
        }
        // First pass: which slots of each superblock have members.
        Map<DeviceId, boolean[]> used = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            int slot = choice(groups, i);
            if (slot > 0) {
                used.computeIfAbsent(all.get(i).device(), d -> new boolean[SLOTS + 1])[slot] = true;
            }
        }
        // Each used slot's master: a used slot below it, chosen by its first member.
        Map<DeviceId, int[]> masterOfSlot = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Mount m = all.get(i);
            int slot = choice(groups, i);
            int[] slotMasters = masterOfSlot.computeIfAbsent(m.device(), d -> new int[SLOTS + 1]);
            if (slot > 0 && slotMasters[slot] == 0) {
                slotMasters[slot] = pickUsed(used.get(m.device()), slot, choice(masters, i));
            }
        }
        Map<Integer, Mount> changed = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Mount m = all.get(i);
            int dev = deviceIndex.get(m.device());
            int slot = choice(groups, i);
            int masterSlot = slot > 0 ? masterOfSlot.get(m.device())[slot]
                    : pickUsed(used.get(m.device()), SLOTS + 1, choice(masters, i));
            int shared = slot > 0 ? groupId(dev, slot) : 0;
            int master = masterSlot > 0 ? groupId(dev, masterSlot) : 0;
            // Unbindable is a propagation type of its own: the kernel makes such a mount private.
            boolean mark = shared == 0 && master == 0 && !unbindable.isEmpty() && unbindable.get(i % unbindable.size());
            changed.put(m.id(), new Mount(m.id(), m.parentId(), m.device(), m.root(), m.mountpoint(), m.fstype(),
                    m.source(), m.flags(), m.superFlags(), m.options(), shared, master, mark, m.deleted(),
                    m.externalKey()));
        }
        List<MountNamespace> namespaces = new ArrayList<>();
        for (MountNamespace ns : forest.namespaces()) {
            namespaces.add(ns.withMounts(ns.mounts().stream().map(m -> changed.get(m.id())).toList()));
        }
        return new MountImage(forest.rootNamespaceId(), forest.toolVersion(), namespaces);
    }

    /** Group ids as a kernel hands them out: positive, distinct per superblock and slot. */
    private static int groupId(int device, int slot) {
        return 1 + device * SLOTS + (slot - 1);
    }

    private static int choice(List<Integer> choices, int i) {
        return choices.isEmpty() ? 0 : choices.get(i % choices.size());
    }

    /** The {@code n}-th used slot below {@code below} (1-based, 0 for none), or 0. */
    private static int pickUsed(boolean[] used, int below, int n) {
        if (used == null || n == 0) {
            return 0;
        }
        List<Integer> candidates = new ArrayList<>();
        for (int s = 1; s < below && s < used.length; s++) {
            if (used[s]) {
                candidates.add(s);
            }
        }
        return candidates.isEmpty() ? 0 : candidates.get((n - 1) % candidates.size());
    }
}
