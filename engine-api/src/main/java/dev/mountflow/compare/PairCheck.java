package dev.mountflow.compare;

import java.util.List;

/** Compares one aspect of a matched pair of mounts. */
interface PairCheck {
    void check(int step, Pairing pairing, List<Difference> out);
}
