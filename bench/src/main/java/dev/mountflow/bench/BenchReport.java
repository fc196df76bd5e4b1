package dev.mountflow.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The outcome of {@link Bench#run}: one row per layout and mount count, every restorer in each. */
public record BenchReport(List<String> restorers, int runs, List<BenchRow> rows) {
    public BenchReport {
        restorers = List.copyOf(restorers);
        rows = List.copyOf(rows);
    }

    /**
     * Prints a table of layout, mounts, floor ms (mount(2)), fd-floor ms (the v2 calls) and, per
     * restorer, its ms, its ratio to the floor and its µs per mount; then, per restorer, a table
     * of each stage's ms in its median run, stages in the order they ran.
     */
    public void render(PrintWriter out) {
        out.println("medians of " + runs + " runs; floor = mountfloor.c with mount(2), fd-floor = with the v2 calls, "
                + String.join(", ", restorers) + " = one restore each (x/floor = its time over the floor's)");
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("layout", "mounts", "floor ms", "fd-floor ms"));
        for (String r : restorers) {
            header.addAll(List.of(r + " ms", r + "/floor", r + " us/mount"));
        }
        table.add(header);
        for (BenchRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.layout().cliName(), Integer.toString(row.mounts()),
                    ms(row.floor()), ms(row.fdFloor())));
            for (BenchRow.Restore restore : row.restores()) {
                cells.addAll(List.of(ms(restore.total()), String.format(Locale.ROOT, "%.2f", row.ratio(restore)),
                        String.format(Locale.ROOT, "%.1f", row.perMount(restore).toNanos() / 1e3)));
            }
            table.add(cells);
        }
        print(out, table);
        for (int i = 0; i < restorers.size(); i++) {
            out.println();
            out.println("stages of " + restorers.get(i) + "'s median run, ms");
            print(out, stageTable(i));
        }
        out.flush();
    }

    private List<List<String>> stageTable(int restorer) {
        Set<String> stageIds = new LinkedHashSet<>();
        for (BenchRow row : rows) {
            row.restores().get(restorer).stages().stages().forEach(s -> stageIds.add(s.id()));
        }
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("layout", "mounts"));
        header.addAll(stageIds);
        table.add(header);
        for (BenchRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.layout().cliName(), Integer.toString(row.mounts())));
            List<StageTimes.Stage> stages = row.restores().get(restorer).stages().stages();
            for (String id : stageIds) {
                cells.add(stages.stream().filter(s -> s.id().equals(id)).findFirst().map(s -> ms(s.wall())).orElse("-"));
            }
            table.add(cells);
        }
        return table;
    }

    private static void print(PrintWriter out, List<List<String>> table) {
        int[] widths = new int[table.get(0).size()];
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
    }

    private static String pad(String cell, int width, boolean right) {
        String fill = " ".repeat(width - cell.length());
        return right ? fill + cell : cell + fill;
    }

    private static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }
}
