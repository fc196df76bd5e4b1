package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.engine.StageIds;
import dev.mountflow.restore.EngineRegistry;
import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.restore.corpus.LayoutProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plugin as a researcher ships one: a jar built here, at test time, loaded with
 * {@code --plugin-path}; its hooks run around every stage, in order, with every engine; it is
 * listed with its jar; it can be turned off; two plugins with one id are refused naming both.
 */
class PluginPathTests {
    @TempDir
    static Path tmp;
    static Path plugins;
    static Path image;

    @BeforeAll
    static void buildThePluginJarAndAnImage() throws Exception {
        plugins = tmp.resolve("plugins");
        PluginJar.build(tmp.resolve("build-recorder"), plugins.resolve("recorder.jar"), "org.example.HookRecorder",
                PluginJar.recorder("org.example", "HookRecorder", "hook-recorder"));
        image = tmp.resolve("img");
        try (LayoutProcess layout = LayoutProcess.start("""
                mkdir /mnt/root/a /mnt/root/b
                mount -t tmpfs a /mnt/root/a
                mount -t tmpfs -o ro b /mnt/root/b
                """ + LayoutProcess.pivotAndWait("/mnt/root", "root"), 1)) {
            CommandRun dump = CommandRun.of("dump", "--pid", Long.toString(layout.pid()), "-D", image.toString());
            assertThat(dump.err()).isEmpty();
            assertThat(dump.exitCode()).isZero();
        }
    }

    static Stream<String> engines() {
        return EngineRegistry.load().names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theJarsHooksRunAroundEveryStageInOrder(String engine) throws Exception {
        HostSnapshot host = HostSnapshot.capture();
        Path record = tmp.resolve("record-" + engine);

        CommandRun run = CommandRun.of("--plugin-path", plugins.toString(), "restore", "-D", image.toString(),
                "--mount-engine", engine, "--record", record.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        List<String> expected = new ArrayList<>();
        for (String stage : stagesWithBuiltInPlugins()) {
            expected.add("before:" + stage);
            expected.add("after:" + stage);
        }
        assertThat(Files.readAllLines(record)).containsExactlyElementsOf(expected);
        host.assertUnchanged();
    }

    @Test
    void pluginsListsTheJarAndWhereItActs() {
        CommandRun run = CommandRun.of("plugins", "--plugin-path", plugins.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("""
                hook-recorder (%s)
                  records the stages it is called around
                  options: restore --record FILE
                  acts at: before:*, after:*, on-failure
                """.formatted(plugins.resolve("recorder.jar")));
        assertThat(run.out()).contains("""
                tmpfs-content (built-in)
                  the files of tmpfs filesystems, dumped as CRIU's tmpfs-dev-<dev>.tar.gz.img, restored into each new tmpfs
                  acts at: dump:write, before:validate, before:verify, after:publish, fresh-filesystems
                """);
    }

    @Test
    void aDisabledPluginIsNotLoadedSoItsOptionIsUnknown() {
        CommandRun run = CommandRun.of("--plugin-path", plugins.toString(), "--disable-plugin", "hook-recorder",
                "restore", "-D", image.toString(), "--record", tmp.resolve("never").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("mountflow: Unknown options: '--record', '" + tmp.resolve("never") + "'\n");
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void twoPluginsWithOneIdAreRefusedNamingBoth() throws Exception {
        Path twice = tmp.resolve("twice");
        PluginJar.build(tmp.resolve("build-a"), twice.resolve("a.jar"), "org.example.A", PluginJar.recorder("org.example", "A", "same"));
        PluginJar.build(tmp.resolve("build-b"), twice.resolve("b.jar"), "org.example.B", PluginJar.recorder("org.example", "B", "same"));

        CommandRun run = CommandRun.of("--plugin-path", twice.toString(), "plugins");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("mountflow: two plugins have the id 'same': org.example.A (" + twice.resolve("a.jar")
                + ") and org.example.B (" + twice.resolve("b.jar") + ")\n");
    }

    /** The pipeline's stages with the ghost-files plugin's own after remount-read-only. */
    private static List<String> stagesWithBuiltInPlugins() {
        List<String> out = new ArrayList<>(StageIds.ALL);
        out.add(out.indexOf(StageIds.REMOUNT_READ_ONLY) + 1, "ghost-files");
        return out;
    }
}
