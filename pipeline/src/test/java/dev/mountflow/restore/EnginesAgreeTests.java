package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mountflow.compare.ImageComparator;
import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.enginev1.V1Engine;
import dev.mountflow.enginev2.V2Engine;
import dev.mountflow.model.MountImage;
import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.restore.corpus.LayoutCorpus.Layout;
import dev.mountflow.restore.corpus.LayoutProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two engines build the same namespaces: every corpus layout v1 accepts, restored once with
 * each from one dump, reads back canonically equal between the engines (not only each equal to the
 * image), sharing across namespaces included.
 */
class EnginesAgreeTests {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mountflow.restore.corpus.LayoutCorpus#all")
    void v1AndV2GiveCanonicallyEqualNamespacesForEveryLayoutV1Accepts(Layout layout) throws Exception {
        assumeTrue(!V1EngineTests.REFUSED.contains(layout.name()), "v1 refuses " + layout.name());
        new ProcessBuilder("true").start().waitFor();
        HostSnapshot host = HostSnapshot.capture();
        try (LayoutProcess process = layout.start()) {
            MountImage image = new Dumper(new LiveNamespaceReader(), "test")
                    .capture(new DumpRequest(process.pid(), layout.tree()));
            MountImage byV1;
            try (StageHarness v1 = StageHarness.restore(new V1Engine(), image, layout.request())) {
                byV1 = RestoredImages.read(image, v1.context().restored());
            }
            try (StageHarness v2 = StageHarness.restore(new V2Engine(), image, layout.request())) {
                MountImage byV2 = RestoredImages.read(image, v2.context().restored());
                assertThat(new ImageComparator().compare(byV1, byV2)).as("differences of v2's namespaces from v1's")
                        .isEmpty();
            }
        }
        host.assertUnchanged();
    }
}
