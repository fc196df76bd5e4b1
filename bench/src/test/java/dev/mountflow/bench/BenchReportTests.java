package dev.mountflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTests {
    @Test
    void rendersOneRowPerLayoutAndCountWithEveryRestorerAndItsStages() {
        StageTimes small = times(1_200_000, 30_000_000);
        StageTimes large = times(9_000_000, 420_000_000);
        StageTimes other = times(2_000_000, 600_000_000);
        BenchReport report = new BenchReport(List.of("v1", "v2"), 5, List.of(
                new BenchRow(Layout.FLAT, 1000, Duration.ofMillis(26), Duration.ofMillis(28),
                        List.of(new BenchRow.Restore("v1", small), new BenchRow.Restore("v2", small))),
                new BenchRow(Layout.FLAT, 10_000, Duration.ofNanos(310_800_000), Duration.ofMillis(350),
                        List.of(new BenchRow.Restore("v1", other), new BenchRow.Restore("v2", large)))));

        StringWriter out = new StringWriter();
        report.render(new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("""
                medians of 5 runs; floor = mountfloor.c with mount(2), fd-floor = with the v2 calls, v1, v2 = one restore each (x/floor = its time over the floor's)
                layout  mounts  floor ms  fd-floor ms  v1 ms  v1/floor  v1 us/mount  v2 ms  v2/floor  v2 us/mount
                flat      1000      26.0         28.0   31.2      1.20         31.2   31.2      1.20         31.2
                flat     10000     310.8        350.0  602.0      1.94         60.2  429.0      1.38         42.9

                stages of v1's median run, ms
                layout  mounts  validate  populate-tree
                flat      1000       1.2           30.0
                flat     10000       2.0          600.0

                stages of v2's median run, ms
                layout  mounts  validate  populate-tree
                flat      1000       1.2           30.0
                flat     10000       9.0          420.0
                """);
    }

    private static StageTimes times(long validate, long populate) {
        return new StageTimes(List.of(new StageTimes.Stage("validate", Duration.ofNanos(validate)),
                new StageTimes.Stage("populate-tree", Duration.ofNanos(populate))));
    }
}
