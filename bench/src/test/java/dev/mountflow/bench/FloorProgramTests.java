package dev.mountflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Needs root and gcc. Each run of the floor mounts only in its own private namespace, which
 * {@link HostMountTableGuard} checks; the floor's tables are read back from its mountinfo.
 */
@ExtendWith(HostMountTableGuard.class)
class FloorProgramTests {
    private static final int MOUNTS = 100;
    private static FloorProgram floor;

    @BeforeAll
    static void build() {
        floor = FloorProgram.build(Path.of("target", "floor"));
    }

    @Test
    void buildsWhereItIsToldNotInTheTempDirectoryAndReusesTheBinary() {
        // gcc writes only into the directory asked for (here the build tree, wherever the project
        // lives, /tmp/x included), never new entries straight into java.io.tmpdir.
        assertThat(floor.binary().toAbsolutePath().getParent()).isEqualTo(Path.of("target", "floor").toAbsolutePath());
        assertThat(floor.binary().getFileName().toString()).startsWith("mountfloor-");
        assertThat(floor.binary().toAbsolutePath().getParent()).isNotEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(Files.isExecutable(floor.binary())).isTrue();
        assertThat(FloorProgram.build(Path.of("target", "floor")).binary()).isEqualTo(floor.binary());
    }

    @ParameterizedTest
    @MethodSource("layoutsAndApis")
    void runsEveryLayoutAndReportsAPositiveTime(Layout layout, FloorApi api) throws Exception {
        FloorResult result = floor.run(layout, MOUNTS, api);

        assertThat(result.layout()).isEqualTo(layout);
        assertThat(result.api()).isEqualTo(api);
        assertThat(result.mounts()).isEqualTo(MOUNTS);
        assertThat(result.mountsInNamespace()).isEqualTo(MOUNTS);
        assertThat(result.mountWork()).isPositive();
        assertThat(result.total()).isGreaterThan(Duration.ZERO);
    }

    @ParameterizedTest
    @MethodSource("layoutsAndApis")
    void buildsTheMountTableTheLayoutDescribes(Layout layout, FloorApi api) throws Exception {
        List<Mount> built = floor.mountTable(layout, MOUNTS, api);

        assertThat(MountTableCheck.canonical(built))
                .containsExactlyElementsOf(MountTableCheck.canonical(BenchLayouts.generate(layout, MOUNTS).namespaces().get(0).mounts()));
    }

    /** A partial last family of groups, and the smallest tables, are built as described too. */
    @ParameterizedTest
    @MethodSource("layoutsAndApis")
    void buildsOddSizesAsDescribed(Layout layout, FloorApi api) throws Exception {
        for (int n : new int[] {1, 2, 7, 13}) {
            assertThat(MountTableCheck.canonical(floor.mountTable(layout, n, api))).as("%s %d", layout, n)
                    .containsExactlyElementsOf(MountTableCheck.canonical(BenchLayouts.generate(layout, n).namespaces().get(0).mounts()));
        }
    }

    static Stream<Arguments> layoutsAndApis() {
        return Stream.of(Layout.values()).flatMap(l -> Stream.of(FloorApi.values()).map(a -> Arguments.of(l, a)));
    }

    @Test
    void refusesAnUnknownLayoutWithUsage() throws Exception {
        Process p = new ProcessBuilder(floor.binary().toString(), "spiral", "10").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(out).isEqualTo("mountfloor: unknown layout 'spiral' or MOUNTS '10' not in 1..100000\n");
    }
}
