package dev.mountflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Needs root and gcc: the whole harness, floor and self-test restorer, at a small size. No timing is asserted. */
@ExtendWith(HostMountTableGuard.class)
class BenchTests {
    @Test
    void measuresEveryRequestedLayoutAndCount() throws Exception {
        Bench bench = new Bench(FloorProgram.build(Path.of("target", "floor")), List.of(DirectSyscallRestorer.load()));

        BenchReport report = bench.run(new BenchOptions(List.of(Layout.BINDS, Layout.GROUPS), List.of(20, 60), 3, 1));

        assertThat(report.rows()).extracting(BenchRow::layout, BenchRow::mounts).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Layout.BINDS, 20), org.assertj.core.groups.Tuple.tuple(Layout.BINDS, 60),
                org.assertj.core.groups.Tuple.tuple(Layout.GROUPS, 20), org.assertj.core.groups.Tuple.tuple(Layout.GROUPS, 60));
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.floor()).isPositive();
            assertThat(row.fdFloor()).isPositive();
            assertThat(row.restores()).singleElement().satisfies(restore -> {
                assertThat(restore.restorer()).isEqualTo("direct-syscall");
                assertThat(restore.total()).isPositive();
            });
        });
        StringWriter out = new StringWriter();
        report.render(new PrintWriter(out));
        assertThat(out.toString().lines()).hasSize(13).element(1).asString()
                .isEqualTo("layout  mounts  floor ms  fd-floor ms  direct-syscall ms  direct-syscall/floor  direct-syscall us/mount");
    }
}
