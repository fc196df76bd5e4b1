package dev.mountflow.enginev1;

import dev.mountflow.model.Mount;

/**
 * A "before" constraint of v1's creation order: {@code before} must exist before {@code after} is
 * created, and why.
 */
record V1Edge(Mount before, Mount after, Why why) {
    /** Why one mount must come before another. */
    enum Why {
        /** {@code after} is mounted on {@code before}. */
        HOLDS("%s holds %s"),
        /** {@code after} would hide the mountpoint of {@code before} (a sibling mounted above it). */
        HIDDEN_BY("%s is hidden by %s"),
        /** {@code after} inherits its peer group or master by a bind from {@code before}. */
        BINDS("%s is the bind source %s inherits its sharing from"),
        /** {@code before}, made on a peer of its parent, would be copied onto {@code after}, which has no copy. */
        PROPAGATES_TO_PEER("%s would be copied onto %s, a peer of its parent that shows no copy of it, unless that peer comes later"),
        /** {@code before}, made on a member of a master group, would be copied onto slave {@code after}. */
        PROPAGATES_TO_SLAVE("%s would be copied onto the slave %s unless the slave comes later");

        private final String text;

        Why(String text) {
            this.text = text;
        }
    }

    /** {@code mount 31 '/a' holds mount 32 '/a/b'}. */
    String describe() {
        return String.format(why.text, before.label(), after.label());
    }
}
