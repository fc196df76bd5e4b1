package dev.mountflow.bench;

import dev.mountflow.model.MountImage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The benchmark: for each layout and mount count, the floor (both {@link FloorApi}s) and the
 * restorer each build the same synthetic layout once untimed, then {@code runs} times, interleaved;
 * medians are compared. Times are wall times on a machine that may be busy: read them as medians,
 * compare rows measured together, and assert nothing on them in tests. Entry points: {@link #run} for
 * the CLI, {@link #main} for {@code java -cp … dev.mountflow.bench.Bench --mounts N --layout L}.
 */
public final class Bench {
    private final FloorProgram floor;
    private final Restorer restorer;

    public Bench(FloorProgram floor, Restorer restorer) {
        this.floor = floor;
        this.restorer = restorer;
    }

    public BenchReport run(BenchOptions options) throws Exception {
        List<BenchRow> rows = new ArrayList<>();
        for (Layout layout : options.layouts()) {
            for (int mounts : options.mounts()) {
                rows.add(measure(layout, mounts, options.runs()));
            }
        }
        return new BenchReport(restorer.name(), options.runs(), rows);
    }

    private BenchRow measure(Layout layout, int mounts, int runs) throws Exception {
        MountImage image = BenchLayouts.generate(layout, mounts);
        List<Duration> floorTimes = new ArrayList<>();
        List<Duration> fdFloorTimes = new ArrayList<>();
        List<StageTimes> restores = new ArrayList<>();
        // One untimed round first: the JIT compiles the restorer's hot paths during it, and the
        // floor's binary and the kernel's slabs are warm, so the rows do not depend on their order.
        runFloor(layout, mounts, FloorApi.MOUNT);
        runFloor(layout, mounts, FloorApi.FD);
        restorer.restore(image);
        // Interleaving the three spreads any drift of the machine (caches, other load) over all.
        for (int i = 0; i < runs; i++) {
            floorTimes.add(runFloor(layout, mounts, FloorApi.MOUNT));
            fdFloorTimes.add(runFloor(layout, mounts, FloorApi.FD));
            restores.add(restorer.restore(image));
        }
        restores.sort(Comparator.comparing(StageTimes::total));
        StageTimes median = restores.get(runs / 2);
        return new BenchRow(layout, mounts, median(floorTimes), median(fdFloorTimes), median.total(), median);
    }

    private Duration runFloor(Layout layout, int mounts, FloorApi api) throws Exception {
        FloorResult result = floor.run(layout, mounts, api);
        if (result.mountsInNamespace() != mounts) {
            throw new IllegalStateException("the floor (--api " + api.cliName() + ") built " + result.mountsInNamespace()
                    + " mounts for " + layout.cliName() + " " + mounts + ", not " + mounts);
        }
        return result.total();
    }

    /** The upper median for an even count, so that it is always a time that was measured. */
    private static Duration median(List<Duration> times) {
        List<Duration> sorted = new ArrayList<>(times);
        sorted.sort(Comparator.naturalOrder());
        return sorted.get(sorted.size() / 2);
    }

    /** Exit codes as the CLI's: 0 done, 1 a run failed, 2 bad arguments. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new Bench(FloorProgram.build(), DirectSyscallRestorer.load()).run(options).render(out);
        } catch (Exception e) {
            System.err.println("bench: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
