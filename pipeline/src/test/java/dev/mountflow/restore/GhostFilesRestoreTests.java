package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.kernel.KernelNamespaces;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import dev.mountflow.plugin.PluginInputException;
import dev.mountflow.plugin.PluginOptions;
import dev.mountflow.plugins.ghost.GhostFilesPlugin;
import dev.mountflow.pluginset.ActivePlugin;
import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.restore.corpus.LayoutProcess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ghost files on read-only mounts, with every engine: one on a read-only bind mount with more
 * flags than ro, one on a read-only superblock; each is created with its content, owner,
 * permissions and time, and both mounts end with exactly the flags they had. A ghost file on an
 * overmounted read-only mount is refused before anything is mounted.
 */
class GhostFilesRestoreTests {
    private static final String LAYOUT = """
            mkdir /mnt/root/data /mnt/root/robind /mnt/root/rosb
            mount -t tmpfs data /mnt/root/data
            mkdir /mnt/root/data/sub
            printf 'ghost one' > /mnt/root/data/sub/g1
            chown 1000:100 /mnt/root/data/sub/g1; chmod 0640 /mnt/root/data/sub/g1
            touch -d @1700000000.5 /mnt/root/data/sub/g1
            mount --bind /mnt/root/data/sub /mnt/root/robind
            mount -o remount,bind,ro,nosuid,nodev,noexec,noatime /mnt/root/robind
            mount -t tmpfs -o mode=0755 rosb /mnt/root/rosb
            printf 'ghost two' > /mnt/root/rosb/g2; chmod 0600 /mnt/root/rosb/g2
            mount -o remount,ro /mnt/root/rosb
            """ + LayoutProcess.pivotAndWait("/mnt/root", "root");

    static Stream<MountEngine> engines() {
        return EngineRegistry.load().engines().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void readOnlyBindAndReadOnlySuperblockGetTheirFilesAndKeepTheirFlags(MountEngine engine, @TempDir Path tmp)
            throws Exception {
        new ProcessBuilder("true").start().waitFor();
        HostSnapshot host = HostSnapshot.capture();
        Path dir = tmp.resolve("img");
        dump(LAYOUT, dir, "/robind/g1", "/rosb/g2");
        MountImage image = ImageDirectory.read(dir);

        try (RestoreResult result = runner().run(engine, new RestoreJob(image, dir, RestoreRequest.empty(),
                Publication.release(), null))) {
            assertThat(result.report().stages()).extracting(RestoreReport.StageReport::id).contains("ghost-files");
            int tid = result.namespaces().get(0).thread().tid();
            Path root = Path.of("/proc/" + tid + "/root");
            Path g1 = root.resolve("robind/g1");
            assertThat(Files.readString(g1)).isEqualTo("ghost one");
            Map<String, Object> a1 = Files.readAttributes(g1, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            assertThat(a1).containsEntry("mode", 0100640).containsEntry("uid", 1000).containsEntry("gid", 100)
                    .containsEntry("lastModifiedTime", FileTime.from(java.time.Instant.ofEpochSecond(1700000000L, 500_000_000)));
            assertThat(Files.readString(root.resolve("rosb/g2"))).isEqualTo("ghost two");
            assertThat(Files.readAttributes(root.resolve("rosb/g2"), "unix:mode")).containsEntry("mode", 0100600);

            Map<String, MountInfoEntry> table = table(tid);
            assertThat(table.get("/robind").mountOptions().toString()).isEqualTo("ro,nosuid,nodev,noexec,noatime");
            assertThat(table.get("/rosb").mountOptions().toString()).isEqualTo("ro,relatime");
            assertThat(table.get("/rosb").superOptions().toString()).startsWith("ro,");
        }
        host.assertUnchanged();
    }

    @Test
    void aGhostFileOnAnOvermountedReadOnlyMountIsRefusedBeforeAnyMount(@TempDir Path tmp) throws Exception {
        new ProcessBuilder("true").start().waitFor();
        HostSnapshot host = HostSnapshot.capture();
        Path dir = tmp.resolve("img");
        dump("""
                mkdir /mnt/root/ov
                mount -t tmpfs -o ro lower /mnt/root/ov
                mount -t tmpfs upper /mnt/root/ov
                printf 'ghost three' > /mnt/root/ov/g3
                """ + LayoutProcess.pivotAndWait("/mnt/root", "root"), dir, "/ov/g3");
        MountImage image = ImageDirectory.read(dir);
        List<Mount> ov = image.namespaces().get(0).mounts().stream()
                .filter(m -> m.mountpoint().equals(RawString.of("/ov"))).toList();
        Mount lower = ov.get(0);
        Mount upper = ov.get(1);
        // The dump read the file through the path, which reaches the upper mount; the image says
        // it belongs on the lower one, which no path reaches.
        Path manifest = dir.resolve("mountflow.json");
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(manifest.toFile());
        ((ObjectNode) json.path("pluginData").path("ghost-files").path("files").get(0)).put("mount", lower.id());
        Files.writeString(manifest, json.toPrettyString());

        assertThatThrownBy(() -> runner().run(EngineRegistry.load().byName("v2"), new RestoreJob(image, dir,
                RestoreRequest.empty(), Publication.release(), null)))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("plugin 'ghost-files': ghost file 'g3' on namespace 1, mount " + lower.id() + " '/ov': the mount"
                        + " is overmounted by mount " + upper.id() + " '/ov', so its path is invisible: it cannot be"
                        + " remounted writable, nor written, to create the file");
        host.assertUnchanged();
    }

    private static void dump(String layout, Path dir, String... ghosts) throws Exception {
        try (LayoutProcess process = LayoutProcess.start(layout, 1)) {
            new Dumper(new LiveNamespaceReader(), "test", StageHarness.KERNEL, new KernelNamespaces(StageHarness.KERNEL),
                    List.of(ActivePlugin.of(new GhostFilesPlugin(), PluginOptions.of(Map.of("--ghost-file", List.of(ghosts))))),
                    line -> { }).dump(new DumpRequest(process.pid(), false), dir);
        }
        JsonNode files = new ObjectMapper().readTree(dir.resolve("mountflow.json").toFile())
                .path("pluginData").path("ghost-files").path("files");
        assertThat(files).hasSize(ghosts.length);
    }

    private static PipelineRunner runner() {
        return new PipelineRunner(StageHarness.KERNEL, new CanonicalVerifier(), line -> { },
                List.of(ActivePlugin.of(new GhostFilesPlugin(), PluginOptions.none())));
    }

    private static Map<String, MountInfoEntry> table(int tid) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("/proc/" + tid + "/mountinfo"))) {
            Map<String, MountInfoEntry> out = new java.util.HashMap<>();
            MountInfoParser.parse(in).forEach(e -> out.put(e.mountpoint().toString(), e));
            return out;
        }
    }
}
