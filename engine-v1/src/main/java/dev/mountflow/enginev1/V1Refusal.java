package dev.mountflow.enginev1;

/**
 * The reasons v1 refuses an image in {@code validate}, before any namespace or mount exists: a
 * topology it cannot build by inheriting sharing, which v2 can, since v2 sets peer groups and
 * masters directly. Each refusal names the mount it is about; the text here follows the mount.
 */
enum V1Refusal {
    /**
     * Every order of creation lets propagation add a copy the image does not show. A mount made
     * on a member of a peer group is copied by the kernel onto every other member that sees its
     * mountpoint (and onto the group's slaves); v1 takes such a copy as the image's mount there,
     * and where the image has none it creates the member only after the mount. When those
     * "before" constraints, with a parent before its children, a bind's source before the bind
     * and a hidden mountpoint's mount before the one hiding it, form a cycle, no order works.
     * The message lists the cycle.
     */
    PROPAGATION_CYCLE("no creation order keeps propagation from adding copies the image does not show: %s"),
    /**
     * A mount the kernel creates as a propagated copy of another joins the other's peer group and
     * master; v1 can then only leave it there or make it private, so a copy the image shows in a
     * different peer group, or as a shared slave of its own group, cannot be made.
     */
    COPY_SHARING("it is created by propagation as a copy of %s, in that mount's peer group, but the image has it %s"),
    /**
     * A namespace split off the work namespace is a copy of it, and copying drops unbindable marks
     * (Linux 6.18), so v1 sets them in each namespace after the split; a mount no path reaches
     * there, because mounts are stacked on it, is reached by moving those off it for a moment, which
     * works only for a stack in which no mount below the top is shared (MS_MOVE refuses a mount
     * whose parent is shared, and a covered mount is made shared before the split even when its
     * peer group is its own); a mount hidden by anything else, or by such a stack, cannot be reached.
     */
    COVERED_UNBINDABLE("it is unbindable and hidden by %s: namespace copies drop unbindable marks, so v1 marks it"
            + " after the split, where no path reaches it"),
    /**
     * pivot_root refuses to stack the old root on a shared mount, so v1 pivots into a namespace
     * whose root's top (the root, or the top of the mounts stacked on it) is shared during the
     * build through a private mount stacked on that top for a moment, detached after; its copies
     * propagate to every mount of the top's peer group and slaves, and a copy that lands beneath a
     * mount already there cannot be removed again.
     */
    SHARED_ROOT_STACKED("it is stacked on %s, which receives propagation from %s, the shared top of the root of"
            + " namespace %d: v1 pivots into such a root through a private mount stacked on its top for a moment, and"
            + " that mount's propagated copy would stay beneath this one");

    private final String text;

    V1Refusal(String text) {
        this.text = text;
    }

    /** The reason with its details filled in, for {@code <entry>: <reason>}. */
    String describe(Object... details) {
        return String.format(text, details);
    }
}
