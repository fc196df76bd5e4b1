package dev.mountflow.validate;

/**
 * Every mount hangs from its namespace's root: parent chains neither loop nor run into a loop.
 * Each loop is reported once, on its first member in image order; the mounts hanging below a loop
 * are reported as unreachable.
 *
 * <p>The walk is iterative and visits each mount once, so a 100,000-deep chain costs no stack.
 */
final class ParentCycleCheck implements Check {
    private static final int UNSEEN = 0;
    private static final int ON_WALK = 1;
    private static final int REACHABLE = 2;
    private static final int LOST = 3;
    private static final int LISTED = 8;

    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        for (NamespaceIndex ns : index.namespaces()) {
            new Walk(index, ns, out).run();
        }
    }

    private static final class Walk {
        private final ImageIndex index;
        private final NamespaceIndex ns;
        private final ProblemCollector out;
        private final int[] state;
        /** For a LOST mount: the first member (in image order) of the loop its chain ends in. */
        private final int[] loop;
        private final int[] path;
        private final int[] pathPosition;

        Walk(ImageIndex index, NamespaceIndex ns, ProblemCollector out) {
            this.index = index;
            this.ns = ns;
            this.out = out;
            state = new int[ns.size()];
            loop = new int[ns.size()];
            path = new int[ns.size()];
            pathPosition = new int[ns.size()];
        }

        void run() {
            for (int start = 0; start < ns.size(); start++) {
                if (state[start] == UNSEEN) {
                    walkFrom(start);
                }
            }
        }

        private void walkFrom(int start) {
            int length = 0;
            int at = start;
            while (at != NamespaceIndex.NO_PARENT && state[at] == UNSEEN) {
                state[at] = ON_WALK;
                pathPosition[at] = length;
                path[length++] = at;
                at = ns.parent(at);
            }
            int end = length;
            int lostIn = -1;
            if (at != NamespaceIndex.NO_PARENT && state[at] == ON_WALK) {
                end = pathPosition[at];
                lostIn = reportLoop(end, length);
            } else if (at != NamespaceIndex.NO_PARENT && state[at] == LOST) {
                lostIn = loop[at];
            }
            for (int k = 0; k < end; k++) {
                int mount = path[k];
                state[mount] = lostIn < 0 ? REACHABLE : LOST;
                if (lostIn >= 0) {
                    loop[mount] = lostIn;
                    out.mount(ns.ref(mount), "parent_mnt_id",
                            "the mount is not reachable from the namespace's root: its parents "
                                    + "lead into the loop through " + describe(lostIn));
                }
            }
        }

        /** Marks path[from..to) as a loop and reports it; returns its first member. */
        private int reportLoop(int from, int to) {
            int first = path[from];
            for (int k = from; k < to; k++) {
                first = Math.min(first, path[k]);
            }
            for (int k = from; k < to; k++) {
                state[path[k]] = LOST;
                loop[path[k]] = first;
            }
            StringBuilder chain = new StringBuilder("the parent chain loops: ")
                    .append(describe(first));
            int size = to - from;
            int at = ns.parent(first);
            for (int step = 1; step < size && step < LISTED; step++, at = ns.parent(at)) {
                chain.append(" -> ").append(describe(at));
            }
            if (size > LISTED) {
                chain.append(" -> ... (").append(size - LISTED).append(" more)");
            }
            chain.append(" -> ").append(describe(first));
            out.mount(ns.ref(first), "parent_mnt_id", chain.toString());
            return first;
        }

        private String describe(int mount) {
            return index.describe(ns.ref(mount), ns.position());
        }
    }
}
