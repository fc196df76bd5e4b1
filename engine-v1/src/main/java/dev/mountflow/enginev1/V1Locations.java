package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;

/**
 * Where v1 finds the place of a mount in the yard: below the mount that holds its mountpoint, or,
 * for a mount stacked on its parent's root, where the bottom of that stack sits (the top of a
 * stack is what a path lookup reaches, and a new mount goes on top). A namespace's root, and what
 * is stacked on it, sit on the namespace's directory of the yard.
 *
 * @param holder the mount whose content holds the place, null for the yard
 * @param rel the place below {@code holder}'s root, or the name of the namespace's directory in the yard
 * @param stacked whether the mount goes on top of others already there
 */
record V1Locations(Mount holder, RawString rel, boolean stacked) {
    /** The directory of namespace {@code id} in the yard. */
    static RawString namespaceDir(int id) {
        return RawString.of("ns-" + id);
    }

    static V1Locations of(BuildPlan plan, Mount m) {
        boolean stacked = false;
        Mount at = m;
        while (true) {
            Mount parent = plan.mount(at.parentId());
            if (parent == null || parent == at || plan.roots().get(plan.namespaceOf(at)) == at) {
                return new V1Locations(null, namespaceDir(plan.namespaceOf(m)), stacked);
            }
            RawString rel = BuildPlan.mountpointInParent(parent, at);
            if (!rel.isEmpty()) {
                return new V1Locations(parent, rel, stacked);
            }
            stacked = true;
            at = parent;
        }
    }

    /** The mount stacked right on {@code m}'s root, or null. */
    static Mount stackedOn(BuildPlan plan, Mount m) {
        for (Mount child : plan.children(m)) {
            if (BuildPlan.mountpointInParent(m, child).isEmpty()) {
                return child;
            }
        }
        return null;
    }

    /**
     * The top of the stack on {@code m}'s root, {@code m} itself when nothing is stacked on it:
     * what a lookup of {@code m}'s place reaches, and where pivot_root stacks the old root when
     * {@code m} is a namespace's root.
     */
    static Mount top(BuildPlan plan, Mount m) {
        Mount top = m;
        for (Mount next = stackedOn(plan, m); next != null; next = stackedOn(plan, next)) {
            top = next;
        }
        return top;
    }

    /** The mount whose fd locates {@code m}, null for the yard. */
    static Mount holder(BuildPlan plan, Mount m) {
        return of(plan, m).holder();
    }
}
