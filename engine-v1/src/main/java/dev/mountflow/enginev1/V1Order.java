package dev.mountflow.enginev1;

import dev.mountflow.model.Mount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The order in which v1 creates the propagation classes of an image: every constraint kept, and
 * otherwise depth-first (the class of the earliest mount first), so a tree without sharing is
 * built exactly in tree order. When the constraints form a cycle there is no order, and
 * {@link #cycle()} says which. Kahn's algorithm on the classes, n·log n in mounts plus constraints.
 */
final class V1Order {
    private final List<Integer> classes = new ArrayList<>();
    private final List<V1Edge> cycle = new ArrayList<>();

    V1Order(V1Classes image, List<V1Edge> edges) {
        int n = image.order().size();
        int[] waiting = new int[n];
        Map<Integer, List<V1Edge>> out = new HashMap<>();
        Map<Integer, List<V1Edge>> in = new HashMap<>();
        for (V1Edge e : edges) {
            int from = image.classOf(e.before());
            int to = image.classOf(e.after());
            out.computeIfAbsent(from, k -> new ArrayList<>()).add(e);
            in.computeIfAbsent(to, k -> new ArrayList<>()).add(e);
            waiting[to]++;
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        int total = 0;
        for (int i = 0; i < n; i++) {
            if (image.classOf(i) == i) {
                total++;
                if (waiting[i] == 0) {
                    ready.add(i);
                }
            }
        }
        boolean[] done = new boolean[n];
        while (!ready.isEmpty()) {
            int c = ready.poll();
            done[c] = true;
            classes.add(c);
            for (V1Edge e : out.getOrDefault(c, List.of())) {
                int to = image.classOf(e.after());
                if (--waiting[to] == 0) {
                    ready.add(to);
                }
            }
        }
        if (classes.size() < total) {
            findCycle(image, in, done);
        }
    }

    /** The classes, each as the position of its earliest mount, in creation order; incomplete when there is a cycle. */
    List<Integer> classes() {
        return classes;
    }

    /** The constraints of a cycle, each one's {@code after} the next one's {@code before}; empty when there is none. */
    List<V1Edge> cycle() {
        return cycle;
    }

    /**
     * Walks back from the earliest class left over along constraints from classes also left over
     * (every one has such a constraint, or it would have been created) until a class repeats.
     */
    private void findCycle(V1Classes image, Map<Integer, List<V1Edge>> in, boolean[] done) {
        int start = -1;
        for (int i = 0; i < done.length && start < 0; i++) {
            if (image.classOf(i) == i && !done[i]) {
                start = i;
            }
        }
        Map<Integer, Integer> seenAt = new HashMap<>();
        List<V1Edge> walk = new ArrayList<>();
        int at = start;
        while (!seenAt.containsKey(at)) {
            seenAt.put(at, walk.size());
            V1Edge back = null;
            for (V1Edge e : in.getOrDefault(at, List.of())) {
                if (!done[image.classOf(e.before())]) {
                    back = e;
                    break;
                }
            }
            walk.add(back);
            at = image.classOf(back.before());
        }
        List<V1Edge> loop = new ArrayList<>(walk.subList(seenAt.get(at), walk.size()));
        // Walked backwards; the cycle reads forwards, from the earliest mount whose propagation
        // is in the way (or the earliest mount, when none is).
        Collections.reverse(loop);
        int first = -1;
        for (int i = 0; i < loop.size(); i++) {
            if (first < 0 || propagates(loop.get(i)) && !propagates(loop.get(first))
                    || propagates(loop.get(i)) == propagates(loop.get(first))
                    && image.position(loop.get(i).before()) < image.position(loop.get(first).before())) {
                first = i;
            }
        }
        cycle.addAll(loop.subList(first, loop.size()));
        cycle.addAll(loop.subList(0, first));
    }

    private static boolean propagates(V1Edge e) {
        return e.why() == V1Edge.Why.PROPAGATES_TO_PEER || e.why() == V1Edge.Why.PROPAGATES_TO_SLAVE;
    }

    /** The mount a refusal names for the cycle: where the cycle starts. */
    Mount cycleStart() {
        return cycle.get(0).before();
    }
}
