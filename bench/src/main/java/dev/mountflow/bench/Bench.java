package dev.mountflow.bench;

import dev.mountflow.model.MountImage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The benchmark: for each layout and mount count, the floor (both {@link FloorApi}s) and every
 * restorer build the same synthetic layout {@code warmup} times untimed, then {@code runs} times,
 * interleaved; medians are compared. Times are wall times on a machine that may be busy: read them as medians,
 * compare rows measured together, and assert nothing on them in tests. Entry points: {@link #run} for
 * the CLI, {@link #main} for {@code java -cp … dev.mountflow.bench.Bench --mounts N --layout L}.
 */
public final class Bench {
    /** Warm-up rounds stop at this multiple of {@code --warmup}, however busy the JIT still is. */
    static final int MAX_WARMUP_FACTOR = 4;

    private final FloorProgram floor;
    private final List<Restorer> restorers;

    public Bench(FloorProgram floor, List<Restorer> restorers) {
        if (restorers.isEmpty()) {
            throw new IllegalArgumentException("at least one restorer is needed");
        }
        this.floor = floor;
        this.restorers = List.copyOf(restorers);
    }

    public BenchReport run(BenchOptions options) throws Exception {
        List<BenchRow> rows = new ArrayList<>();
        for (Layout layout : options.layouts()) {
            for (int mounts : options.mounts()) {
                rows.add(measure(layout, mounts, options.warmup(), options.runs()));
            }
        }
        return new BenchReport(restorers.stream().map(Restorer::name).toList(), options.runs(), rows);
    }

    private BenchRow measure(Layout layout, int mounts, int warmup, int runs) throws Exception {
        MountImage image = BenchLayouts.generate(layout, mounts);
        List<Duration> floorTimes = new ArrayList<>();
        List<Duration> fdFloorTimes = new ArrayList<>();
        List<List<StageTimes>> restores = new ArrayList<>();
        restorers.forEach(r -> restores.add(new ArrayList<>()));
        // Untimed rounds first: the JIT compiles the restorers' hot paths during them (a JVM runs
        // code interpreted, then C1-compiled, before C2), and the floor's binary and the kernel's
        // slabs are warm, so the rows do not depend on their order. At least `warmup` rounds, then
        // more while the JIT still compiles: on a small machine its threads would otherwise take
        // a core from the timed runs (measured: C2 busy through 8 timed runs after 5 rounds).
        JitActivity jit = JitActivity.start();
        for (int i = 0; i < warmup || (warmup > 0 && jit.busySinceLastLook() && i < warmup * MAX_WARMUP_FACTOR); i++) {
            runFloor(layout, mounts, FloorApi.MOUNT);
            runFloor(layout, mounts, FloorApi.FD);
            for (Restorer restorer : restorers) {
                restorer.restore(image);
            }
        }
        // Interleaving spreads any drift of the machine (caches, other load) over all; each timed
        // run starts once the threads of the one before have gone.
        Settle settle = Settle.atCurrentThreads();
        for (int i = 0; i < runs; i++) {
            settle.await();
            floorTimes.add(runFloor(layout, mounts, FloorApi.MOUNT));
            settle.await();
            fdFloorTimes.add(runFloor(layout, mounts, FloorApi.FD));
            for (int r = 0; r < restorers.size(); r++) {
                settle.await();
                restores.get(r).add(restorers.get(r).restore(image));
            }
        }
        List<BenchRow.Restore> medians = new ArrayList<>();
        for (int r = 0; r < restorers.size(); r++) {
            List<StageTimes> times = restores.get(r);
            times.sort(Comparator.comparing(StageTimes::total));
            medians.add(new BenchRow.Restore(restorers.get(r).name(), times.get(runs / 2)));
        }
        return new BenchRow(layout, mounts, median(floorTimes), median(fdFloorTimes), medians);
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
            new Bench(FloorProgram.build(), List.of(DirectSyscallRestorer.load())).run(options).render(out);
        } catch (Exception e) {
            System.err.println("bench: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
