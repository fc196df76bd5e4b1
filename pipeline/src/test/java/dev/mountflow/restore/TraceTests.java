package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.engine.StageIds;
import dev.mountflow.kernel.FaultInjectingKernel;
import dev.mountflow.model.MountImage;
import dev.mountflow.spi.Errno;
import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.pluginset.PluginConfig;
import dev.mountflow.restore.corpus.LayoutProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --trace FILE}, with every engine and every built-in plugin: every stage starts and ends
 * in order, and the kernel calls traced in each stage are, kind by kind, the calls the report
 * counted there (plugins' hooks included); each call shows its arguments and its result or errno.
 */
class TraceTests {
    static Stream<MountEngine> engines() {
        return EngineRegistry.load().engines().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theTraceHoldsEveryStageAndEveryCallTheReportCounted(MountEngine engine, @TempDir Path tmp) throws Exception {
        new ProcessBuilder("true").start().waitFor();
        MountImage image;
        try (LayoutProcess layout = LayoutProcess.start(MountEngineContract.ROLLBACK_LAYOUT
                + LayoutProcess.pivotAndWait("/mnt/root", "root"), 1)) {
            image = new Dumper(new LiveNamespaceReader(), "test").capture(new DumpRequest(layout.pid(), false));
        }
        Path trace = tmp.resolve("trace.jsonl");
        // Every built-in plugin, so that their hooks' calls are traced in the right stages too.
        PipelineRunner runner = new PipelineRunner(StageHarness.KERNEL, new CanonicalVerifier(), line -> { },
                PluginConfig.defaults().load().activate(PluginCommand.RESTORE,
                        name -> name.equals("--trace") ? List.of(trace.toString()) : List.of()));

        RestoreReport report;
        try (RestoreResult result = runner.run(engine, new RestoreJob(image, null, RestoreRequest.empty(),
                Publication.release(), null))) {
            report = result.report();
        }

        ObjectMapper json = new ObjectMapper();
        List<String> stageEvents = new ArrayList<>();
        Map<String, Map<String, Long>> callsByStage = new TreeMap<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode e = json.readTree(line);
            if (e.path("event").asText().equals("stage")) {
                stageEvents.add(e.path("phase").asText() + ":" + e.path("stage").asText());
                continue;
            }
            assertThat(e.path("call").asText()).isNotEmpty();
            assertThat(e.has("result") || e.has("errno")).as("result or errno of %s", line).isTrue();
            assertThat(e.path("tid").asInt()).isPositive();
            callsByStage.computeIfAbsent(e.path("stage").asText(), s -> new TreeMap<>())
                    .merge(e.path("call").asText(), 1L, Long::sum);
        }
        List<String> expected = new ArrayList<>();
        report.stages().stream().map(RestoreReport.StageReport::id).forEach(id -> {
            expected.add("start:" + id);
            expected.add("end:" + id);
        });
        assertThat(stageEvents).containsExactlyElementsOf(expected);
        assertThat(report.stages()).hasSize(StageIds.ALL.size() + 1); // the ghost-files plugin's stage
        for (RestoreReport.StageReport stage : report.stages()) {
            assertThat(callsByStage.getOrDefault(stage.id(), Map.of())).as("calls of %s", stage.id())
                    .isEqualTo(stage.syscalls());
        }
        assertThat(Files.readString(trace)).contains("\"call\":\"mount\",\"args\":{");
        // v1 makes every mount with mount(2); v2 attaches the mounts it builds with move_mount.
        assertThat(Files.readString(trace).contains("\"call\":\"move_mount\""))
                .as("move_mount traced for %s", engine.name()).isEqualTo(!engine.name().equals("v1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aFailedRestoreTracesTheFailureWithItsErrnoAndTheRollbacksCalls(MountEngine engine, @TempDir Path tmp) throws Exception {
        new ProcessBuilder("true").start().waitFor();
        MountImage image;
        try (LayoutProcess layout = LayoutProcess.start(MountEngineContract.ROLLBACK_LAYOUT
                + LayoutProcess.pivotAndWait("/mnt/root", "root"), 1)) {
            image = new Dumper(new LiveNamespaceReader(), "test").capture(new DumpRequest(layout.pid(), false));
        }
        Path trace = tmp.resolve("trace.jsonl");
        FaultInjectingKernel faulty = new FaultInjectingKernel(StageHarness.KERNEL, 8, Errno.EIO);
        PipelineRunner runner = new PipelineRunner(faulty, new CanonicalVerifier(), line -> { },
                PluginConfig.defaults().load().activate(PluginCommand.RESTORE,
                        name -> name.equals("--trace") ? List.of(trace.toString()) : List.of()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run(engine, new RestoreJob(image, null,
                RestoreRequest.empty(), Publication.release(), null))).isInstanceOf(RestoreFailedException.class);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).filteredOn(e -> e.path("phase").asText().equals("failed")).hasSize(1);
        assertThat(lines).filteredOn(e -> e.path("errno").asText().equals("EIO")).hasSize(1);
        assertThat(lines).filteredOn(e -> e.path("stage").asText().equals("rollback") && e.has("call")).isNotEmpty();
    }
}
