package dev.mountflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTests {
    @Test
    void defaultsToEveryLayoutAndFiveRuns() {
        assertThat(BenchOptions.parse("--mounts", "1000,10000"))
                .isEqualTo(new BenchOptions(List.of(Layout.values()), List.of(1000, 10_000), 5, 5));
    }

    @Test
    void takesLayoutsAndRuns() {
        assertThat(BenchOptions.parse("--layout", "binds,groups", "--mounts", "10", "--runs", "3", "--warmup", "0"))
                .isEqualTo(new BenchOptions(List.of(Layout.BINDS, Layout.GROUPS), List.of(10), 3, 0));
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> BenchOptions.parse("--layout", "flat")).hasMessage("--mounts N is required");
        assertThatThrownBy(() -> BenchOptions.parse("--mounts", "ten")).hasMessage("--mounts 'ten' is not a number");
        assertThatThrownBy(() -> BenchOptions.parse("--mounts", "0")).hasMessage("--mounts 0 is not in 1..100000");
        assertThatThrownBy(() -> BenchOptions.parse("--mounts", "5", "--runs", "0")).hasMessage("--runs 0 is not a positive number");
        assertThatThrownBy(() -> BenchOptions.parse("--mounts", "5", "--warmup", "-1")).hasMessage("--warmup -1 is negative");
        assertThatThrownBy(() -> BenchOptions.parse("--mounts")).hasMessage("'--mounts' needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--mounts", "5", "--layout", "tree"))
                .hasMessage("unknown layout 'tree': expected one of flat, binds, nested, groups");
        assertThatThrownBy(() -> BenchOptions.parse("--n", "5")).hasMessage(
                "unknown option '--n': expected --mounts N[,N...] [--layout flat|binds|nested|groups|all] [--runs K] [--warmup W]");
    }
}
