package dev.mountflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTests {
    @Test
    void rendersOneRowPerLayoutAndCountWithStageColumns() {
        StageTimes small = times(1_200_000, 30_000_000);
        StageTimes large = times(9_000_000, 420_000_000);
        BenchReport report = new BenchReport("v2", 5, List.of(
                new BenchRow(Layout.FLAT, 1000, Duration.ofMillis(26), Duration.ofMillis(28), small.total(), small),
                new BenchRow(Layout.FLAT, 10_000, Duration.ofNanos(310_800_000), Duration.ofMillis(350), large.total(), large)));

        StringWriter out = new StringWriter();
        report.render(new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("""
                medians of 5 runs; floor = mountfloor.c with mount(2), fd-floor = with the v2 calls, v2 = one restore (ratio = v2 / floor), stages of its median run
                layout  mounts  floor ms  fd-floor ms  v2 ms  ratio  us/mount  validate ms  populate-tree ms
                flat      1000      26.0         28.0   31.2   1.20      31.2          1.2              30.0
                flat     10000     310.8        350.0  429.0   1.38      42.9          9.0             420.0
                """);
    }

    private static StageTimes times(long validate, long populate) {
        return new StageTimes(List.of(new StageTimes.Stage("validate", Duration.ofNanos(validate)),
                new StageTimes.Stage("populate-tree", Duration.ofNanos(populate))));
    }
}
