package dev.mountflow.compare;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks the canonical trees of one namespace from both images together, depth first and without
 * recursion, matching children by mountpoint and then by their order among equal mountpoints.
 * Steps come in the expected walk's order, unmatched mounts where they would stand.
 */
final class TreeMatcher {
    private final int namespace;
    private final List<CanonicalMount> expected;
    private final List<CanonicalMount> actual;

    TreeMatcher(int namespace, CanonicalNamespace expected, CanonicalNamespace actual) {
        this.namespace = namespace;
        this.expected = expected.mounts();
        this.actual = actual.mounts();
    }

    void match(List<MatchStep> out) {
        Deque<MatchStep> work = new ArrayDeque<>();
        pushChildren(MatchStep.NONE, MatchStep.NONE, work);
        while (!work.isEmpty()) {
            MatchStep step = work.pop();
            out.add(step);
            if (step.isPair()) {
                pushChildren(step.expected(), step.actual(), work);
            }
        }
    }

    private void pushChildren(int expectedParent, int actualParent, Deque<MatchStep> work) {
        List<MatchStep> merged = new ArrayList<>();
        int i = firstChild(expectedParent);
        int iEnd = childrenEnd(expected, expectedParent);
        int j = firstChild(actualParent);
        int jEnd = childrenEnd(actual, actualParent);
        while (i < iEnd || j < jEnd) {
            int order = i == iEnd ? 1 : j == jEnd ? -1
                    : expected.get(i).label().mountpoint().compareTo(actual.get(j).label().mountpoint());
            if (order < 0) {
                merged.add(new MatchStep(namespace, i, MatchStep.NONE));
                i = nextSibling(expected, i);
            } else if (order > 0) {
                merged.add(new MatchStep(namespace, MatchStep.NONE, j));
                j = nextSibling(actual, j);
            } else {
                merged.add(new MatchStep(namespace, i, j));
                i = nextSibling(expected, i);
                j = nextSibling(actual, j);
            }
        }
        for (int k = merged.size() - 1; k >= 0; k--) {
            work.push(merged.get(k));
        }
    }

    private static int firstChild(int parent) {
        return parent == MatchStep.NONE ? 0 : parent + 1;
    }

    private static int childrenEnd(List<CanonicalMount> mounts, int parent) {
        return parent == MatchStep.NONE ? mounts.size() : parent + 1 + mounts.get(parent).descendants();
    }

    private static int nextSibling(List<CanonicalMount> mounts, int index) {
        return index + 1 + mounts.get(index).descendants();
    }
}
