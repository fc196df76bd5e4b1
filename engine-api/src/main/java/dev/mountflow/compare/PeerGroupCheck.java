package dev.mountflow.compare;

import java.util.List;
import java.util.Objects;

/**
 * Peer groups, across namespaces: the mount must be a peer of the same earlier matched mount on
 * both sides, start a new group on both, or be unshared on both.
 */
final class PeerGroupCheck implements PairCheck {
    @Override
    public void check(int step, Pairing pairing, List<Difference> out) {
        Integer expected = firstPeer(pairing.expected(), step);
        Integer actual = firstPeer(pairing.actual(), step);
        if (!Objects.equals(expected, actual)) {
            out.add(pairing.difference(step, DifferenceKind.PEER_GROUP,
                    text(expected, step, pairing), text(actual, step, pairing)));
        }
    }

    private static Integer firstPeer(PairedSide side, int step) {
        int group = side.mount(step).peerGroup();
        return group == 0 ? null : side.firstPairInGroup(group);
    }

    private static String text(Integer first, int step, Pairing pairing) {
        if (first == null) {
            return "private";
        }
        return first == step ? "a new peer group" : "a peer of " + pairing.reference(first, step, true);
    }
}
