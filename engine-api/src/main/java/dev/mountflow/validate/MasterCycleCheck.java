package dev.mountflow.validate;

import dev.mountflow.model.Mount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Propagation flows from masters to slaves, so the "is a slave of" relation between peer groups
 * must not loop: the kernel cannot build such groups, and a restore that tries never finishes
 * setting masters. Each loop is reported once, on the first mount in image order of its groups.
 *
 * <p>An iterative depth-first search over the groups; self-loops are {@link MasterCheck}'s.
 */
final class MasterCycleCheck implements Check {
    private static final int LISTED = 8;

    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        Map<Integer, Set<Integer>> masters = mastersByGroup(index);
        Set<Integer> finished = new HashSet<>();
        for (Integer start : masters.keySet()) {
            if (!finished.contains(start)) {
                search(start, masters, finished, index, out);
            }
        }
    }

    /** Each group's masters among the image's groups, groups in order of first appearance. */
    private static Map<Integer, Set<Integer>> mastersByGroup(ImageIndex index) {
        Map<Integer, Set<Integer>> masters = new LinkedHashMap<>();
        for (NamespaceIndex ns : index.namespaces()) {
            for (int i = 0; i < ns.size(); i++) {
                Mount mount = ns.mount(i);
                if (mount.sharedId() <= 0) {
                    continue;
                }
                Set<Integer> edges = masters.computeIfAbsent(mount.sharedId(), g -> new LinkedHashSet<>());
                int master = mount.masterId();
                if (master > 0 && master != mount.sharedId() && index.firstPeer(master) != null) {
                    edges.add(master);
                }
            }
        }
        return masters;
    }

    private static void search(int start, Map<Integer, Set<Integer>> masters,
            Set<Integer> finished, ImageIndex index, ProblemCollector out) {
        List<Integer> stack = new ArrayList<>();
        Map<Integer, Integer> stackPosition = new HashMap<>();
        Deque<Iterator<Integer>> pending = new ArrayDeque<>();
        stack.add(start);
        stackPosition.put(start, 0);
        pending.push(masters.get(start).iterator());
        while (!pending.isEmpty()) {
            Iterator<Integer> next = pending.peek();
            if (!next.hasNext()) {
                pending.pop();
                int done = stack.remove(stack.size() - 1);
                stackPosition.remove(done);
                finished.add(done);
                continue;
            }
            int master = next.next();
            Integer onStack = stackPosition.get(master);
            if (onStack != null) {
                report(stack.subList(onStack, stack.size()), index, out);
            } else if (!finished.contains(master)) {
                stackPosition.put(master, stack.size());
                stack.add(master);
                pending.push(masters.get(master).iterator());
            }
        }
    }

    /** {@code loop.get(k)} is a slave of {@code loop.get(k + 1)}, the last one of the first. */
    private static void report(List<Integer> loop, ImageIndex index, ProblemCollector out) {
        int first = 0;
        for (int k = 1; k < loop.size(); k++) {
            if (index.firstPeer(loop.get(k)).precedes(index.firstPeer(loop.get(first)))) {
                first = k;
            }
        }
        StringBuilder chain = new StringBuilder("the master chain loops: peer group ")
                .append(loop.get(first));
        for (int step = 1; step < loop.size() && step < LISTED; step++) {
            chain.append(" -> peer group ").append(loop.get((first + step) % loop.size()));
        }
        if (loop.size() > LISTED) {
            chain.append(" -> ... (").append(loop.size() - LISTED).append(" more)");
        }
        chain.append(" -> peer group ").append(loop.get(first));
        out.mount(index.firstPeer(loop.get(first)), "master_id", chain.toString());
    }
}
