package dev.mountflow.compare;

import java.util.List;

/**
 * Superblock sharing: the mount must share its superblock with the same earlier matched mount on
 * both sides, or with none on both.
 */
final class SuperblockCheck implements PairCheck {
    @Override
    public void check(int step, Pairing pairing, List<Difference> out) {
        int expected = pairing.expected().firstPairWithSuperblock(pairing.expected().mount(step).superblock());
        int actual = pairing.actual().firstPairWithSuperblock(pairing.actual().mount(step).superblock());
        if (expected != actual) {
            out.add(pairing.difference(step, DifferenceKind.SUPERBLOCK,
                    text(expected, step, pairing), text(actual, step, pairing)));
        }
    }

    private static String text(int first, int step, Pairing pairing) {
        return first == step
                ? "a new superblock"
                : "the same superblock as " + pairing.reference(first, step, false);
    }
}
