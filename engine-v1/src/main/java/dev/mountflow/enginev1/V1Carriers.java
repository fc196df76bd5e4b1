package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.ContentSource;
import dev.mountflow.build.SharingGroups;
import dev.mountflow.model.Mount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * What each peer group's members and slaves are bound from to inherit it. A group is shared during
 * the build ("early") when another mount inherits from it: it has several members, or slaves; a
 * group of one mount without slaves gets its peer group last instead. An early group's carrier is
 * its anchor (the member whose root holds every other's, see {@link SharingGroups}) or, when there
 * is none, when the anchor is a shared slave that propagation copies, or when asked, a helper: a
 * mount of the source's root in the yard, which then also stands in for its master group.
 */
final class V1Carriers {
    private final BuildPlan plan;
    private final Map<Integer, SharingGroups.Group> groups = new HashMap<>();
    private final Set<Integer> early = new LinkedHashSet<>();
    private final Set<Integer> helpers = new LinkedHashSet<>();
    private final Map<Integer, Mount> members = new HashMap<>();

    /**
     * @param sharing the image's peer groups
     * @param classSize the number of mounts created with a mount by one mount(2) call
     * @param helpersOnly whether every early group gets a helper, which no other mount must precede
     */
    V1Carriers(BuildPlan plan, SharingGroups sharing, ToIntFunction<Mount> classSize,
               boolean helpersOnly) {
        this.plan = plan;
        for (SharingGroups.Group g : sharing.mastersFirst()) {
            groups.put(g.id, g);
            if (g.members.size() > 1 || !g.pureSlaves.isEmpty() || !g.slaveGroups.isEmpty()) {
                early.add(g.id);
            }
        }
        List<SharingGroups.Group> order = sharing.mastersFirst();
        Set<Integer> needHelper = new LinkedHashSet<>();
        for (SharingGroups.Group g : order) {
            if (early.contains(g.id) && (helpersOnly || g.anchor == null
                    || g.masterId != 0 && classSize.applyAsInt(g.anchor) > 1)) {
                needHelper.add(g.id);
            }
        }
        // A helper is bound from its master's helper: a master member's root may not hold the source's root.
        for (int i = order.size() - 1; i >= 0; i--) {
            SharingGroups.Group g = order.get(i);
            if (needHelper.contains(g.id) && g.masterId != 0) {
                needHelper.add(g.masterId);
            }
        }
        for (SharingGroups.Group g : order) {
            if (needHelper.contains(g.id)) {
                helpers.add(g.id);
            } else if (early.contains(g.id)) {
                members.put(g.id, g.anchor);
            }
        }
    }

    boolean isEarly(int group) {
        return early.contains(group);
    }

    /** The early groups, masters first. */
    Set<Integer> earlyGroups() {
        return early;
    }

    /** Whether the members of {@code m}'s peer group are bound from {@code m}. */
    boolean isCarrier(Mount m) {
        return m.isShared() && members.get(m.sharedId()) == m;
    }

    /** The groups with a helper, masters first. */
    Set<Integer> helperGroups() {
        return helpers;
    }

    int masterOf(int group) {
        return groups.get(group).masterId;
    }

    /** The source of the group's superblock. */
    ContentSource sourceOf(int group) {
        return plan.source(groups.get(group).members.get(0));
    }

    /** What a mount inheriting {@code group} (as a peer, or as a slave of it) is bound from. */
    V1Step.From carrier(int group) {
        Mount member = members.get(group);
        return member != null ? V1Step.From.member(plan.source(member), member) : V1Step.From.helper(sourceOf(group), group);
    }

    /**
     * What {@code m} is made from: the carrier of its own early group unless it is that carrier, else
     * the carrier of its master group, else its source (new when {@code direct}).
     */
    V1Step.From from(Mount m, boolean direct) {
        if (m.isShared() && early.contains(m.sharedId()) && members.get(m.sharedId()) != m) {
            return carrier(m.sharedId());
        }
        if (m.isSlave()) {
            return carrier(m.masterId());
        }
        return direct ? V1Step.From.fresh(plan.source(m)) : V1Step.From.source(plan.source(m));
    }

    /**
     * The bind constraints: each member carrier before the mounts bound from it. The carrier's own
     * class needs none: they are created with it.
     */
    List<V1Edge> edges(V1Classes classes) {
        List<V1Edge> out = new ArrayList<>();
        for (Mount m : classes.order()) {
            V1Step.From from = from(m, false);
            if (from.kind() == V1Step.From.Kind.MEMBER && classes.classOf(from.member()) != classes.classOf(m)) {
                out.add(new V1Edge(from.member(), m, V1Edge.Why.BINDS));
            }
        }
        return out;
    }
}
