package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.engine.StageIds;
import dev.mountflow.enginev2.V2Engine;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.restore.corpus.LayoutCorpus.Layout;
import dev.mountflow.restore.corpus.LayoutProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The v2 corpus: each layout of the {@link dev.mountflow.restore.corpus.LayoutCorpus} is built for
 * real, dumped, restored with the v2 engine, and the restored namespaces'
 * {@code /proc/<tid>/mountinfo} compared with the image; then restored again through the
 * {@link PipelineRunner}, whose verify stage compares canonically.
 * After each test the host's mount table and {@code /tmp} are as they were.
 */
class V2CorpusTests {
    private HostSnapshot host;

    @BeforeAll
    static void startTheProcessReaperFromTheMainThread() throws Exception {
        // The JDK's reaper thread is created by the first process start; born in a namespace
        // thread's task it would pin that namespace.
        new ProcessBuilder("true").start().waitFor();
    }

    @BeforeEach
    void recordHost() throws IOException {
        host = HostSnapshot.capture();
    }

    @AfterEach
    void hostIsUnchanged() throws IOException {
        host.assertUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mountflow.restore.corpus.LayoutCorpus#all")
    void restores(Layout layout) throws Exception {
        try (LayoutProcess process = layout.start()) {
            MountImage image = new Dumper(new LiveNamespaceReader(), "test")
                    .capture(new DumpRequest(process.pid(), layout.tree(), List.of()));
            assertThat(image.namespaces()).hasSize(layout.namespaces());
            layout.dumpedImage().accept(image);
            try (StageHarness restore = StageHarness.restore(new V2Engine(), image, layout.request())) {
                assertThat(TreeComparison.differences(image, restoredTables(restore)))
                        .as("differences; restored tables:%n%s", restoredText(restore)).isEmpty();
            }
            // And through the real runner, whose verify stage uses the canonical comparator.
            try (RestoreResult result = new PipelineRunner(StageHarness.KERNEL, new CanonicalVerifier(), line -> { })
                    .run(new V2Engine(), new RestoreJob(image, null, layout.request(), Publication.release(), null))) {
                assertThat(result.namespaces()).hasSize(layout.namespaces());
                assertThat(result.report().outcome()).isEqualTo(RestoreReport.OK);
                assertThat(result.report().stages()).extracting(RestoreReport.StageReport::id)
                        .containsExactlyElementsOf(StageIds.ALL);
            }
        }
    }

    static Map<Integer, List<Mount>> restoredTables(StageHarness restore) throws IOException {
        Map<Integer, List<Mount>> out = new HashMap<>();
        for (RestoredNamespace ns : restore.context().restored()) {
            List<Mount> mounts = new ArrayList<>();
            try (InputStream in = Files.newInputStream(ns.thread().mountInfoPath())) {
                for (MountInfoEntry e : MountInfoParser.parse(in)) {
                    mounts.add(e.toMount());
                }
            }
            out.put(ns.imageNamespaceId(), mounts);
        }
        return out;
    }

    private static String restoredText(StageHarness restore) throws IOException {
        StringBuilder out = new StringBuilder();
        for (RestoredNamespace ns : restore.context().restored()) {
            out.append("namespace ").append(ns.imageNamespaceId()).append(":\n")
                    .append(Files.readString(ns.thread().mountInfoPath()));
        }
        return out.toString();
    }
}
