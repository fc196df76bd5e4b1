package dev.mountflow.cli.render;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The image as findmnt's tree: one table per namespace, children under their parent mount in
 * mountinfo order (so a stacked mount follows the one it covers). The walk is iterative, so a
 * deep chain of mounts cannot overflow the stack.
 */
public final class MountTreeRenderer {

    public void render(MountImage image, PrintWriter out) {
        boolean first = true;
        for (MountNamespace ns : image.namespaces()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(NamespaceHeader.of(image, ns));
            TextTable table = new TextTable("TARGET", "SOURCE", "FSTYPE", "OPTIONS", "PROPAGATION");
            for (Row row : rows(ns)) {
                Mount m = row.mount();
                table.add(row.prefix() + m.mountpoint(), MountColumns.source(m), m.fstype(),
                        MountColumns.options(m), MountColumns.propagation(m));
            }
            table.print(out);
        }
        out.flush();
    }

    private record Row(String prefix, Mount mount) {
    }

    private record Frame(Mount mount, String indent, boolean last, boolean top) {
    }

    private static List<Row> rows(MountNamespace ns) {
        Map<Integer, List<Mount>> children = new HashMap<>();
        Map<Integer, Mount> byId = new HashMap<>();
        for (Mount m : ns.mounts()) {
            byId.put(m.id(), m);
        }
        List<Mount> tops = new ArrayList<>();
        for (Mount m : ns.mounts()) {
            if (m.parentId() == m.id() || !byId.containsKey(m.parentId())) {
                tops.add(m);
            } else {
                children.computeIfAbsent(m.parentId(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Row> rows = new ArrayList<>(ns.mounts().size());
        Deque<Frame> stack = new ArrayDeque<>();
        for (int i = tops.size() - 1; i >= 0; i--) {
            stack.push(new Frame(tops.get(i), "", true, true));
        }
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            String prefix = f.top() ? "" : f.indent() + (f.last() ? "└─" : "├─");
            rows.add(new Row(prefix, f.mount()));
            List<Mount> kids = children.getOrDefault(f.mount().id(), List.of());
            String childIndent = f.top() ? "" : f.indent() + (f.last() ? "  " : "│ ");
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(new Frame(kids.get(i), childIndent, i == kids.size() - 1, false));
            }
        }
        return rows;
    }
}
