package dev.mountflow.compare;

import dev.mountflow.model.MountImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares mount images canonically (DESIGN.md §6): partitions, not numbers. Used by the restore's
 * {@code verify} stage (restored namespaces against the image), by {@code mountflow diff} and by
 * tests.
 *
 * <p>Namespaces are matched by position, the root namespace first. Within one, mounts are matched
 * by walking both mount trees together: children by mountpoint, then by their order among equal
 * mountpoints; a stacked mount is its lower mount's child, so stacks match bottom up. Matched
 * mounts must have equal {@link MountLabel labels}; must share superblocks with the same matched
 * mounts; must be peers of the same matched mounts, across namespaces; and must be slaves of the
 * same peer group or of the same external master (a master with no member in the image). Mount
 * ids, devices, group numbers and external keys are never compared as such.
 *
 * <p>Differences come in a stable order: the namespace count first, then in walk order, each mount
 * missing or unexpected as a whole subtree, and for a matched mount its label fields, superblock,
 * peer group and master. Time is n·log n in the number of mounts and nothing recurses.
 */
public final class ImageComparator {
    private static final List<PairCheck> CHECKS = List.of(
            new LabelCheck(), new SuperblockCheck(), new PeerGroupCheck(), new MasterCheck());

    /**
     * The differences of {@code actual} from {@code expected}; empty when they are canonically equal.
     *
     * @throws IllegalArgumentException when either image has a namespace whose parents form a cycle
     */
    public List<Difference> compare(MountImage expected, MountImage actual) {
        return compare(CanonicalImage.of(expected), CanonicalImage.of(actual));
    }

    /** As {@link #compare(MountImage, MountImage)}, for images already in canonical form. */
    public List<Difference> compare(CanonicalImage expected, CanonicalImage actual) {
        List<Difference> out = new ArrayList<>();
        // Equal canonical forms have no difference: one walk of plain field comparisons, without
        // matching trees or indexing pairs (the common case of a verify that passes).
        if (expected.equals(actual)) {
            return out;
        }
        int expectedCount = expected.namespaces().size();
        int actualCount = actual.namespaces().size();
        if (expectedCount != actualCount) {
            out.add(Difference.ofImage(DifferenceKind.NAMESPACE_COUNT,
                    Integer.toString(expectedCount), Integer.toString(actualCount)));
        }
        List<MatchStep> steps = new ArrayList<>();
        for (int ns = 0; ns < Math.min(expectedCount, actualCount); ns++) {
            new TreeMatcher(ns, expected.namespaces().get(ns), actual.namespaces().get(ns)).match(steps);
        }
        Pairing pairing = new Pairing(expected, actual, steps);
        for (int s = 0; s < steps.size(); s++) {
            MatchStep step = steps.get(s);
            if (step.isPair()) {
                for (PairCheck check : CHECKS) {
                    check.check(s, pairing, out);
                }
            } else if (step.isMissing()) {
                CanonicalMount mount = expected.namespaces().get(step.namespace()).mounts().get(step.expected());
                out.add(new Difference(step.namespace() + 1, mount.path(), DifferenceKind.MISSING,
                        MountText.describe(mount), ""));
            } else {
                CanonicalMount mount = actual.namespaces().get(step.namespace()).mounts().get(step.actual());
                out.add(new Difference(step.namespace() + 1, mount.path(), DifferenceKind.UNEXPECTED,
                        "", MountText.describe(mount)));
            }
        }
        return out;
    }
}
