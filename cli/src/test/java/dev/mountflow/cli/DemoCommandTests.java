package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.image.ImageDirectory;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTests {

    @Test
    void buildsDumpsAndShowsTheContainerLayoutWithoutTouchingTheHost(@TempDir Path dir) throws Exception {
        String hostBefore = Files.readString(Path.of("/proc/self/mountinfo"));
        Path kept = dir.resolve("demo-image");

        CommandRun run = CommandRun.of("demo", "-D", kept.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).isEqualTo(hostBefore);
        assertThat(run.out())
                .startsWith("built the demo layout: a pivoted container namespace (thread ")
                .contains("dumped 23 mount(s) in 2 namespace(s) to " + kept)
                .containsPattern("(?m)^mount namespace 1 \\(root\\), pid \\d+, mnt:\\[\\d+], 11 mount\\(s\\)$")
                .containsPattern("(?m)^mount namespace 2, pid \\d+, mnt:\\[\\d+], 12 mount\\(s\\)$");

        MountImage image = ImageDirectory.read(kept);
        Map<String, Mount> outer = top(image.namespaces().get(0));
        Map<String, Mount> inner = top(image.namespaces().get(1));
        assertThat(outer.get("/").root().toString()).isEqualTo("/store/rootfs");
        assertThat(outer.get("/proc").fstype()).isEqualTo("proc");
        assertThat(outer.get("/etc/app").isReadOnly()).isTrue();
        assertThat(outer.get("/peer").sharedId()).isEqualTo(outer.get("/shared").sharedId()).isPositive();
        assertThat(outer.get("/peer").root().toString()).isEqualTo("/volume");
        assertThat(outer.get("/slave").masterId()).isEqualTo(outer.get("/shared").sharedId());
        assertThat(inner.get("/shared").sharedId()).isEqualTo(outer.get("/shared").sharedId());
        assertThat(inner.get("/run/inner").fstype()).isEqualTo("tmpfs");
        assertThat(outer).doesNotContainKey("/run/inner");
        // Mounted in the nested namespace, propagated into the outer one's peer and slave.
        assertThat(outer.get("/peer/from-nested").sharedId()).isEqualTo(inner.get("/shared/volume/from-nested").sharedId());
        assertThat(outer.get("/slave/volume/from-nested").masterId()).isEqualTo(inner.get("/shared/volume/from-nested").sharedId());
    }

    @Test
    void withoutAnImageDirectoryItLeavesNothingBehind() throws Exception {
        String hostBefore = Files.readString(Path.of("/proc/self/mountinfo"));

        CommandRun run = CommandRun.of("demo");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("dumped 23 mount(s) in 2 namespace(s) to a temporary image directory");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).isEqualTo(hostBefore);
        try (var tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(tmp.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("mflow-demo-"));
        }
    }

    private static Map<String, Mount> top(MountNamespace ns) {
        return ns.mounts().stream().collect(Collectors.toMap(m -> m.mountpoint().toString(), Function.identity(), (a, b) -> b));
    }
}
