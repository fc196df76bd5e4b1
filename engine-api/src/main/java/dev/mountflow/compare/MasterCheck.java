package dev.mountflow.compare;

import java.util.List;
import java.util.function.Supplier;

/**
 * Masters: a slave must receive from the peer group of the same matched mount on both sides, or
 * from the same external master (numbered in pair order), or be a slave on neither side.
 */
final class MasterCheck implements PairCheck {
    private enum Type { NONE, GROUP, EXTERNAL, UNMATCHED }

    /**
     * A master as one side sees it; {@code number} is a pair step or an external master's number.
     * Its text is made only for a difference: every slave is checked, few differ.
     */
    private record Master(Type type, int number, Supplier<String> text) {
        boolean sameAs(Master other) {
            // A group with no matched member cannot be told apart from another; its members are
            // reported missing or unexpected already.
            return type == other.type && type != Type.UNMATCHED && number == other.number;
        }
    }

    @Override
    public void check(int step, Pairing pairing, List<Difference> out) {
        Master expected = master(pairing.expected(), step, pairing);
        Master actual = master(pairing.actual(), step, pairing);
        if (!expected.sameAs(actual)) {
            out.add(pairing.difference(step, DifferenceKind.MASTER, expected.text().get(), actual.text().get()));
        }
    }

    private static Master master(PairedSide side, int step, Pairing pairing) {
        CanonicalMount mount = side.mount(step);
        if (mount.externalMaster() != 0) {
            int name = side.externalName(mount.externalMaster());
            return new Master(Type.EXTERNAL, name, () -> "external#" + name);
        }
        if (mount.masterGroup() == 0) {
            return new Master(Type.NONE, 0, () -> "none");
        }
        Integer first = side.firstPairInGroup(mount.masterGroup());
        if (first == null) {
            return new Master(Type.UNMATCHED, 0, () -> "the peer group of " + side.firstMember(mount.masterGroup()));
        }
        int pair = first;
        return new Master(Type.GROUP, pair, () -> "the peer group of " + pairing.reference(pair, step, true));
    }
}
