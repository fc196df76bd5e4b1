package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.ContentSource;
import dev.mountflow.build.SharingGroups;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides how v1 builds an image, or why it cannot: the propagation classes and constraints
 * ({@link V1Classes}), the bind sources ({@link V1Carriers}), an order keeping every constraint
 * ({@link V1Order}, first with members as bind sources, then with helpers only, which precede
 * everything), and the sharing of each class on the way ({@link V1Inheritance}). Each refusal names
 * its mount. Nothing on the system is touched.
 */
final class V1Planner {
    private final BuildPlan plan;
    private final List<String> refusals = new ArrayList<>();

    V1Planner(BuildPlan plan) {
        this.plan = plan;
    }

    /** Why v1 cannot build the image, one line per mount; empty when {@link #plan()} can be used. */
    List<String> refusals() {
        return refusals;
    }

    /** The plan, or null when refused. */
    V1Plan plan() {
        List<Mount> order = new ArrayList<>();
        for (int ns : plan.roots().keySet()) {
            order.addAll(plan.depthFirst(ns));
        }
        SharingGroups sharing = new SharingGroups(plan, order);
        V1Carriers early = new V1Carriers(plan, sharing, m -> 1, false);
        V1Classes classes = new V1Classes(plan, order, sharing, early.earlyGroups());
        Map<Integer, List<Mount>> members = new HashMap<>();
        for (Mount m : order) {
            members.computeIfAbsent(classes.classOf(m), k -> new ArrayList<>()).add(m);
        }
        stackedOnSharedRoots(sharing, early);
        Map<Integer, Integer> unstack = coveredUnbindable(early);
        V1Carriers carriers = null;
        V1Order creation = null;
        for (boolean helpersOnly : new boolean[] {false, true}) {
            carriers = new V1Carriers(plan, sharing, m -> members.get(classes.classOf(m)).size(), helpersOnly);
            List<V1Edge> edges = new ArrayList<>(classes.edges());
            edges.addAll(carriers.edges(classes));
            creation = new V1Order(classes, edges);
            if (creation.cycle().isEmpty()) {
                break;
            }
        }
        if (!creation.cycle().isEmpty()) {
            refusals.add(plan.label(creation.cycleStart()) + ": "
                    + V1Refusal.PROPAGATION_CYCLE.describe(describe(classes, creation.cycle())));
        }
        if (!refusals.isEmpty()) {
            return null;
        }
        Set<ContentSource> direct = directSources(classes, members, carriers);
        List<V1Step> steps = new ArrayList<>();
        Set<ContentSource> whole = new LinkedHashSet<>();
        for (ContentSource s : plan.sources()) {
            if (s.isFresh() && !direct.contains(s)) {
                whole.add(s);
            }
        }
        // Each whole mount right before its first use, so fds on them are held only while needed.
        Set<ContentSource> mounted = new HashSet<>();
        for (int g : carriers.helperGroups()) {
            mountWhole(carriers.sourceOf(g), whole, mounted, steps);
            steps.add(new V1Step.MountHelper(g, carriers.sourceOf(g), carriers.masterOf(g)));
        }
        V1Inheritance inheritance = new V1Inheritance(plan, carriers, refusals);
        Map<Integer, Integer> uses = new HashMap<>();
        for (int c : creation.classes()) {
            List<Mount> all = members.get(c);
            Mount origin = originOf(all, carriers);
            List<Mount> copies = new ArrayList<>(all);
            copies.remove(origin);
            V1Step.From from = carriers.from(origin, direct.contains(plan.source(origin)));
            mountWhole(from.source(), whole, mounted, steps);
            steps.add(new V1Step.Create(origin, from, copies,
                    inheritance.changes(c, origin, from, classes.parent(origin), copies)));
            if (from.kind() == V1Step.From.Kind.MEMBER) {
                uses.merge(from.member().id(), 1, Integer::sum);
            }
            for (Mount m : all) {
                Mount at = V1Locations.holder(plan, m);
                if (at != null) {
                    uses.merge(at.id(), 1, Integer::sum);
                }
            }
        }
        if (!refusals.isEmpty()) {
            return null;
        }
        Set<Integer> lateShared = new LinkedHashSet<>();
        for (Mount m : order) {
            if (m.isShared() && !carriers.isEarly(m.sharedId())) {
                lateShared.add(m.id());
            }
        }
        return new V1Plan(plan, steps, whole, lateShared, uses, unstack);
    }

    private static void mountWhole(ContentSource source, Set<ContentSource> whole, Set<ContentSource> mounted,
                                   List<V1Step> steps) {
        if (whole.contains(source) && mounted.add(source)) {
            steps.add(new V1Step.MountSource(source));
        }
    }

    /**
     * The class's origin: the member its peer group's members are bound from, when it is one,
     * so the group exists when they are made; else its earliest mount.
     */
    private static Mount originOf(List<Mount> all, V1Carriers carriers) {
        for (Mount m : all) {
            if (carriers.isCarrier(m)) {
                return m;
            }
        }
        return all.get(0);
    }

    /**
     * Fresh superblocks made with one new mount in place: a single class showing the whole
     * filesystem, not deleted, made from its source (no peer group to inherit), with no helper,
     * and not to be remounted read-only.
     */
    private Set<ContentSource> directSources(V1Classes classes, Map<Integer, List<Mount>> members, V1Carriers carriers) {
        Map<ContentSource, Set<Integer>> classesOf = new HashMap<>();
        for (Mount m : classes.order()) {
            classesOf.computeIfAbsent(plan.source(m), k -> new LinkedHashSet<>()).add(classes.classOf(m));
        }
        Set<ContentSource> helped = new HashSet<>();
        for (int g : carriers.helperGroups()) {
            helped.add(carriers.sourceOf(g));
        }
        Set<ContentSource> out = new HashSet<>();
        for (var entry : classesOf.entrySet()) {
            ContentSource s = entry.getKey();
            // A read-only superblock is remounted through its whole mount in the yard, no image mount.
            if (!s.isFresh() || entry.getValue().size() != 1 || helped.contains(s)
                    || (s.first().superFlags() & MountFlags.MS_RDONLY) != 0) {
                continue;
            }
            Mount origin = originOf(members.get(entry.getValue().iterator().next()), carriers);
            if (s.relative(origin.root()).isEmpty() && !origin.deleted()
                    && carriers.from(origin, true).kind() == V1Step.From.Kind.NEW) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * pivot_root refuses to stack the old root on a shared mount, so a namespace whose root's top
     * (the root, or the top of the stack on it) is shared during the build is pivoted into through
     * a private mount stacked on that top for a moment; its propagated copies must land where
     * nothing is mounted yet, so umount propagation takes them back.
     */
    private void stackedOnSharedRoots(SharingGroups sharing, V1Carriers carriers) {
        Map<Integer, SharingGroups.Group> byId = new HashMap<>();
        for (SharingGroups.Group g : sharing.mastersFirst()) {
            byId.put(g.id, g);
        }
        Set<Mount> refused = new HashSet<>();
        for (var entry : plan.roots().entrySet()) {
            Mount top = V1Locations.top(plan, entry.getValue());
            if (!top.isShared() || !carriers.isEarly(top.sharedId())) {
                continue;
            }
            for (Mount q : V1Classes.receiving(byId.get(top.sharedId()))) {
                if (!top.root().isPathUnder(q.root())) {
                    continue;
                }
                RawString at = top.root().relativeTo(q.root());
                for (Mount child : plan.children(q)) {
                    if (BuildPlan.mountpointInParent(q, child).equals(at) && refused.add(child)) {
                        refusals.add(plan.label(child) + ": "
                                + V1Refusal.SHARED_ROOT_STACKED.describe(q.label(), top.label(), entry.getKey()));
                    }
                }
            }
        }
    }

    /**
     * The covered unbindable mounts, by id, with the number of mounts stacked on each, which
     * assemble moves off it for a moment to mark it after the split; refused when something else
     * hides it, or when a mount of its stack below the top is shared (a mount cannot be moved off
     * a shared one).
     */
    private Map<Integer, Integer> coveredUnbindable(V1Carriers carriers) {
        Map<Integer, Integer> out = new HashMap<>();
        for (int ns : plan.roots().keySet()) {
            List<Mount> order = plan.depthFirst(ns);
            for (int i = 0; i < order.size(); i++) {
                Mount m = order.get(i);
                if (!m.unbindable() || !plan.isCovered(m)) {
                    continue;
                }
                List<Mount> stack = new ArrayList<>();
                for (Mount at = V1Locations.stackedOn(plan, m); at != null; at = V1Locations.stackedOn(plan, at)) {
                    stack.add(at);
                }
                String hiddenBy = null;
                for (int j = i + 1; j < order.size() && hiddenBy == null; j++) {
                    Mount x = order.get(j);
                    if (!stack.contains(x) && m.mountpoint().isPathUnder(x.mountpoint())) {
                        hiddenBy = x.label();
                    }
                }
                for (int j = 0; j + 1 < stack.size() && hiddenBy == null; j++) {
                    Mount below = stack.get(j);
                    // Covered, so shared before the split even when its peer group is its own (late).
                    if (below.isShared()) {
                        hiddenBy = stack.get(j + 1).label() + ", which cannot be moved off the shared " + below.label();
                    }
                }
                if (hiddenBy != null) {
                    refusals.add(plan.label(m) + ": " + V1Refusal.COVERED_UNBINDABLE.describe(hiddenBy));
                } else {
                    out.put(m.id(), stack.size());
                }
            }
        }
        return out;
    }

    /** The cycle as one sentence; where a constraint continues from another mount of the same class, it says so. */
    private static String describe(V1Classes classes, List<V1Edge> cycle) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cycle.size(); i++) {
            V1Edge e = cycle.get(i);
            if (i > 0) {
                out.append("; ");
            }
            out.append(e.describe());
            V1Edge next = cycle.get((i + 1) % cycle.size());
            if (next.before() != e.after()) {
                out.append(", which the same mount(2) call creates as ").append(next.before().label());
            }
        }
        return out.toString();
    }
}
