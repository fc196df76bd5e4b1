package dev.mountflow.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The outcome of {@link Bench#run}: one row per layout and mount count. */
public record BenchReport(String restorer, int runs, List<BenchRow> rows) {
    public BenchReport {
        rows = List.copyOf(rows);
    }

    /**
     * Prints a table: layout, mounts, floor ms (mount(2)), fd-floor ms (the v2 calls), the
     * restorer's ms, its ratio to the floor, its µs per mount, then each stage's ms in its median
     * run, stages in the order they ran.
     */
    public void render(PrintWriter out) {
        Set<String> stageIds = new LinkedHashSet<>();
        for (BenchRow row : rows) {
            row.stages().stages().forEach(s -> stageIds.add(s.id()));
        }
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("layout", "mounts", "floor ms", "fd-floor ms", restorer + " ms",
                "ratio", "us/mount"));
        stageIds.forEach(id -> header.add(id + " ms"));
        table.add(header);
        for (BenchRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.layout().cliName(), Integer.toString(row.mounts()),
                    ms(row.floor()), ms(row.fdFloor()), ms(row.engine()), String.format(Locale.ROOT, "%.2f", row.ratio()),
                    String.format(Locale.ROOT, "%.1f", row.enginePerMount().toNanos() / 1e3)));
            for (String id : stageIds) {
                cells.add(row.stages().stages().stream().filter(s -> s.id().equals(id)).findFirst()
                        .map(s -> ms(s.wall())).orElse("-"));
            }
            table.add(cells);
        }
        out.println("medians of " + runs + " runs; floor = mountfloor.c with mount(2), fd-floor = with the v2 calls, "
                + restorer + " = one restore (ratio = " + restorer + " / floor), stages of its median run");
        int[] widths = new int[header.size()];
        for (List<String> cells : table) {
            for (int i = 0; i < cells.size(); i++) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        for (List<String> cells : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                String cell = cells.get(i);
                // Names left-aligned, numbers right-aligned, as columns of figures read best.
                line.append(i == 0 ? pad(cell, widths[i], false) : "  " + pad(cell, widths[i], true));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String pad(String cell, int width, boolean right) {
        String fill = " ".repeat(width - cell.length());
        return right ? fill + cell : cell + fill;
    }

    private static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }
}
