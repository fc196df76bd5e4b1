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
import dev.mountflow.model.MountImage;
import dev.mountflow.plugin.PluginOptions;
import dev.mountflow.plugins.trace.TracePlugin;
import dev.mountflow.pluginset.ActivePlugin;
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
 * {@code --trace FILE}, with every engine: every stage starts and ends in order, and the kernel
 * calls traced in each stage are, kind by kind, the calls the report counted there; each call
 * shows its arguments and its result or errno.
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
        PipelineRunner runner = new PipelineRunner(StageHarness.KERNEL, new CanonicalVerifier(), line -> { },
                List.of(ActivePlugin.of(new TracePlugin(), PluginOptions.of(Map.of("--trace", List.of(trace.toString()))))));

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
        StageIds.ALL.forEach(id -> {
            expected.add("start:" + id);
            expected.add("end:" + id);
        });
        assertThat(stageEvents).containsExactlyElementsOf(expected);
        for (RestoreReport.StageReport stage : report.stages()) {
            if (!stage.id().equals(StageIds.VALIDATE)) {
                // validate's first calls come before the trace file is opened, in its own hook
                assertThat(callsByStage.getOrDefault(stage.id(), Map.of())).as("calls of %s", stage.id())
                        .isEqualTo(stage.syscalls());
            }
        }
        assertThat(Files.readString(trace)).contains("\"call\":\"mount\",\"args\":{", "\"call\":\"move_mount\"");
    }
}
