package dev.mountflow.compare;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * One side of a comparison as the matched pairs see it: which pair first shows each of this side's
 * superblocks and peer groups. Two mounts are in one class on both sides exactly when their pairs
 * lead to the same first pair, so partitions are compared without comparing numbers, and mounts
 * present on one side only shift nothing.
 */
final class PairedSide {
    private final CanonicalImage image;
    private final List<MatchStep> steps;
    private final ToIntFunction<MatchStep> index;
    private final IntIntMap firstPairBySuperblock = new IntIntMap(16);
    private final IntIntMap firstPairByGroup = new IntIntMap(16);
    private final IntIntMap externalNames = new IntIntMap(16);
    private Map<Integer, Location> firstMemberByGroup;

    private record Location(int namespace, int index) {
    }

    PairedSide(CanonicalImage image, List<MatchStep> steps, ToIntFunction<MatchStep> index) {
        this.image = image;
        this.steps = steps;
        this.index = index;
        for (int s = 0; s < steps.size(); s++) {
            if (!steps.get(s).isPair()) {
                continue;
            }
            CanonicalMount mount = mount(s);
            firstPairBySuperblock.putIfAbsent(mount.superblock(), s);
            if (mount.peerGroup() != 0) {
                firstPairByGroup.putIfAbsent(mount.peerGroup(), s);
            }
            if (mount.externalMaster() != 0) {
                externalNames.nameOnce(mount.externalMaster());
            }
        }
    }

    /** This side's mount of step {@code step}; the step must have one. */
    CanonicalMount mount(int step) {
        MatchStep s = steps.get(step);
        return image.namespaces().get(s.namespace()).mounts().get(index.applyAsInt(s));
    }

    /** The first pair whose mount on this side is on superblock {@code superblock}. */
    int firstPairWithSuperblock(int superblock) {
        return firstPairBySuperblock.get(superblock, -1);
    }

    /** The first pair whose mount on this side is in peer group {@code group}, or null if none is. */
    Integer firstPairInGroup(int group) {
        int pair = firstPairByGroup.get(group, -1);
        return pair < 0 ? null : pair;
    }

    /** The external master's number renewed in pair order, so that unmatched slaves shift nothing. */
    int externalName(int externalMaster) {
        return externalNames.get(externalMaster, 0);
    }

    /** {@code '/p' (namespace 1)}: the first member of {@code group} on this side, matched or not. */
    String firstMember(int group) {
        if (firstMemberByGroup == null) {
            firstMemberByGroup = new HashMap<>();
            for (int ns = 0; ns < image.namespaces().size(); ns++) {
                List<CanonicalMount> mounts = image.namespaces().get(ns).mounts();
                for (int i = 0; i < mounts.size(); i++) {
                    if (mounts.get(i).peerGroup() != 0) {
                        firstMemberByGroup.putIfAbsent(mounts.get(i).peerGroup(), new Location(ns, i));
                    }
                }
            }
        }
        Location at = firstMemberByGroup.get(group);
        return image.namespaces().get(at.namespace()).mounts().get(at.index()).path()
                + " (namespace " + (at.namespace() + 1) + ")";
    }
}
