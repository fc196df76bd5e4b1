package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows the sharing of each mount through v1's build, class by class in creation order: what
 * a mount has right after its mount(2) call (the peer group and master of what it was bound from,
 * plus a new peer group when its parent is shared, which its propagated copies join), and the
 * propagation changes that turn that into what it must have during the build. A peer group comes
 * into being once: from a helper, from its first member (made shared, or a new group its
 * propagated copies share), or from a slave made shared. A copy whose required sharing no change
 * can give is a {@link V1Refusal#COPY_SHARING} refusal.
 */
final class V1Inheritance {
    /** A mount's sharing during the build: a peer group (negative: new, unnamed yet) and a master, 0 for none. */
    private static final class Sharing {
        int group;
        int master;

        Sharing(int group, int master) {
            this.group = group;
            this.master = master;
        }
    }

    private final BuildPlan plan;
    private final V1Carriers carriers;
    private final Set<Integer> exists = new HashSet<>();
    private final List<String> refusals;

    V1Inheritance(BuildPlan plan, V1Carriers carriers, List<String> refusals) {
        this.plan = plan;
        this.carriers = carriers;
        this.refusals = refusals;
        exists.addAll(carriers.helperGroups());
    }

    /** The sharing {@code m} has during the build: its peer group only if that is shared while building. */
    int buildGroup(Mount m) {
        return m.isShared() && carriers.isEarly(m.sharedId()) ? m.sharedId() : 0;
    }

    /**
     * The propagation changes of one class, {@code origin} created from {@code from} on
     * {@code parent} (null for a namespace's root) with {@code copies}; a copy that cannot get its
     * sharing is refused.
     */
    List<V1Step.Propagation> changes(int classIndex, Mount origin, V1Step.From from, Mount parent, List<Mount> copies) {
        int group = 0;
        int master = 0;
        int fromGroup = switch (from.kind()) {
            case HELPER -> from.group();
            case MEMBER -> buildGroup(from.member());
            default -> 0;
        };
        if (fromGroup != 0) {
            group = fromGroup;
            master = carriers.masterOf(fromGroup);
        }
        if (group == 0 && parent != null && buildGroup(parent) != 0) {
            group = -1 - classIndex;
        }
        List<Mount> members = new ArrayList<>();
        members.add(origin);
        members.addAll(copies);
        Map<Mount, Sharing> now = new HashMap<>();
        for (Mount m : members) {
            now.put(m, new Sharing(group, master));
        }
        List<V1Step.Propagation> out = new ArrayList<>();
        for (Mount m : members) {
            if (!reach(m, now.get(m), now, out)) {
                if (m == origin) {
                    throw new IllegalStateException("v1 planned " + plan.label(m) + " to inherit from "
                            + from.kind() + ", which cannot give it its sharing");
                }
                refusals.add(plan.label(m) + ": " + V1Refusal.COPY_SHARING.describe(origin.label(), wanted(m)));
                return out;
            }
        }
        return out;
    }

    /** Appends the changes that give {@code m} its build sharing; false when none can. */
    private boolean reach(Mount m, Sharing s, Map<Mount, Sharing> all, List<V1Step.Propagation> out) {
        int group = buildGroup(m);
        int master = m.masterId();
        if (s.group == group && s.master == master) {
            return true;
        }
        if (group == 0 && master == 0) {
            out.add(new V1Step.Propagation(m, MountFlags.MS_PRIVATE));
            s.group = 0;
            s.master = 0;
            return true;
        }
        if (group == 0) {
            if (s.group == master) {
                out.add(new V1Step.Propagation(m, MountFlags.MS_SLAVE));
                s.group = 0;
                s.master = master;
                return true;
            }
            return false;
        }
        if (exists.contains(group)) {
            return false;
        }
        if (s.group < 0 && s.master == 0 && master == 0) {
            int unnamed = s.group;
            for (Sharing other : all.values()) {
                if (other.group == unnamed) {
                    other.group = group;
                }
            }
        } else if (s.group == 0 && s.master == master) {
            out.add(new V1Step.Propagation(m, MountFlags.MS_SHARED));
            s.group = group;
        } else if (s.group == master && master != 0 && all.size() == 1) {
            out.add(new V1Step.Propagation(m, MountFlags.MS_SLAVE));
            out.add(new V1Step.Propagation(m, MountFlags.MS_SHARED));
            s.group = group;
            s.master = master;
        } else {
            return false;
        }
        exists.add(group);
        return true;
    }

    private String wanted(Mount m) {
        int group = buildGroup(m);
        if (group == 0 && m.masterId() == 0) {
            return "private";
        }
        if (group == 0) {
            return "as a slave of peer group " + m.masterId();
        }
        return "in peer group " + group + (m.masterId() == 0 ? "" : " as a slave of peer group " + m.masterId());
    }
}
