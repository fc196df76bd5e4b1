package dev.mountflow.compare;

/**
 * One step of the joint walk of two namespaces: an expected mount matched with an actual one, or a
 * mount present on one side only (then its whole subtree is, and the walk does not enter it).
 *
 * @param namespace the namespace's 0-based position
 * @param expected the expected mount's canonical index, or {@link #NONE}
 * @param actual the actual mount's canonical index, or {@link #NONE}
 */
record MatchStep(int namespace, int expected, int actual) {
    static final int NONE = -1;

    boolean isPair() {
        return expected != NONE && actual != NONE;
    }

    boolean isMissing() {
        return actual == NONE;
    }
}
