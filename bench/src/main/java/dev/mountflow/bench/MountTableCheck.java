package dev.mountflow.bench;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's own equality of mount tables, until the product's canonical comparison lands:
 * mounts ordered by mountpoint, each labelled by what a restore must reproduce, with superblocks
 * and peer groups renamed in order of first appearance, since their numbers are the kernel's.
 * Stacked mounts on one mountpoint are not told apart; the bench layouts have none.
 */
final class MountTableCheck {
    private MountTableCheck() {
    }

    static List<Mount> read(Path mountinfo) throws IOException {
        try (InputStream in = Files.newInputStream(mountinfo)) {
            return MountInfoParser.parse(in).stream().map(MountInfoEntry::toMount).toList();
        }
    }

    /** Throws naming the first difference, by path, between the image's mounts and the live ones. */
    static void requireEqual(List<Mount> expected, List<Mount> actual) {
        List<String> want = canonical(expected);
        List<String> got = canonical(actual);
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "(nothing)";
            String g = i < got.size() ? got.get(i) : "(nothing)";
            if (!w.equals(g)) {
                throw new IllegalStateException("restored mount table differs from the image ("
                        + want.size() + " mounts expected, " + got.size() + " found); first difference:\n"
                        + "  expected " + w + "\n  found    " + g);
            }
        }
    }

    static List<String> canonical(List<Mount> mounts) {
        Map<Integer, Mount> byId = new HashMap<>();
        for (Mount m : mounts) {
            byId.put(m.id(), m);
        }
        List<Mount> sorted = new ArrayList<>(mounts);
        sorted.sort(Comparator.comparing(Mount::mountpoint));
        Map<DeviceId, Integer> devices = new HashMap<>();
        Map<Integer, Integer> groups = new HashMap<>();
        List<String> out = new ArrayList<>(sorted.size());
        for (Mount m : sorted) {
            Mount parent = m.parentId() == m.id() ? null : byId.get(m.parentId());
            out.add("'" + m.mountpoint() + "' on " + (parent == null ? "-" : "'" + parent.mountpoint() + "'")
                    + " root '" + m.root() + "' " + m.fstype() + " '" + m.source() + "' "
                    + MountFlags.formatMountOptions(m.flags())
                    + " sb" + devices.computeIfAbsent(m.device(), d -> devices.size() + 1) + " "
                    + MountFlags.formatSuperblockOptions(m.superFlags(), m.options())
                    + (m.isShared() ? " shared:" + renamed(groups, m.sharedId()) : "")
                    + (m.isSlave() ? " master:" + renamed(groups, m.masterId()) : "")
                    + (m.unbindable() ? " unbindable" : ""));
        }
        return out;
    }

    private static int renamed(Map<Integer, Integer> groups, int group) {
        return groups.computeIfAbsent(group, g -> groups.size() + 1);
    }
}
