package dev.mountflow.compare;

import java.util.List;

/**
 * Renders differences for people: {@code no differences}, or a count line followed by one indented
 * line per difference, in the comparator's order.
 */
public final class DiffRenderer {
    private DiffRenderer() {
    }

    public static String render(List<Difference> differences) {
        if (differences.isEmpty()) {
            return "no differences\n";
        }
        StringBuilder out = new StringBuilder(differences.size() + " difference(s)\n");
        for (Difference d : differences) {
            out.append("  ").append(d).append('\n');
        }
        return out.toString();
    }
}
