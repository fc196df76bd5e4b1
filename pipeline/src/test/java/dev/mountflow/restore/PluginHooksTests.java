package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.engine.StageIds;
import dev.mountflow.error.InputException;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.Mount;
import dev.mountflow.plugin.FreshFilesystemHook;
import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginContext;
import dev.mountflow.plugin.PluginInputException;
import dev.mountflow.plugin.PluginOptions;
import dev.mountflow.plugin.PluginStage;
import dev.mountflow.plugin.RestoreHooks;
import dev.mountflow.plugin.StagePosition;
import dev.mountflow.pluginset.ActivePlugin;
import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.restore.corpus.LayoutProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runner calls plugins' hooks before and after every stage, runs their stages at their
 * positions, names a failing plugin and rolls back, for every engine ServiceLoader finds.
 */
class PluginHooksTests {
    private static MountImage image;

    @BeforeAll
    static void dumpASmallLayout() throws Exception {
        new ProcessBuilder("true").start().waitFor();
        try (LayoutProcess layout = LayoutProcess.start("""
                mkdir /mnt/root/a /mnt/root/b
                mount -t tmpfs a /mnt/root/a
                mount -t tmpfs -o ro b /mnt/root/b
                """ + LayoutProcess.pivotAndWait("/mnt/root", "root"), 1)) {
            image = new Dumper(new LiveNamespaceReader(), "test").capture(new DumpRequest(layout.pid(), false));
        }
    }

    static Stream<MountEngine> engines() {
        return EngineRegistry.load().engines().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void hooksRunAroundEveryStageInOrderAndAPluginStageAtItsPosition(MountEngine engine) throws Exception {
        HostSnapshot host = HostSnapshot.capture();
        RecordingPlugin recorder = new RecordingPlugin(StagePosition.after(StageIds.ASSEMBLE), null);

        try (RestoreResult result = runner(recorder).run(engine, job())) {
            assertThat(result.report().stages()).extracting(RestoreReport.StageReport::id).containsExactly(
                    "validate", "pre-create-namespaces", "populate-tree", "assemble", "recorded",
                    "restore-sharing-groups", "remount-read-only", "cleanup-deleted-sources", "verify", "publish");
        }

        List<String> expected = new ArrayList<>();
        for (String id : List.of("validate", "pre-create-namespaces", "populate-tree", "assemble", "recorded",
                "restore-sharing-groups", "remount-read-only", "cleanup-deleted-sources", "verify", "publish")) {
            expected.add("before:" + id);
            if (id.equals("recorded")) {
                expected.add("stage:recorded");
            }
            expected.add("after:" + id);
        }
        assertThat(recorder.calls).containsExactlyElementsOf(expected);
        host.assertUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aFailingHookNamesThePluginAndEverythingIsRolledBack(MountEngine engine) throws Exception {
        HostSnapshot host = HostSnapshot.capture();
        RecordingPlugin recorder = new RecordingPlugin(null, "after:populate-tree");

        assertThatThrownBy(() -> runner(recorder).run(engine, job()))
                .isInstanceOf(RestoreFailedException.class)
                .hasMessage("restore failed in stage 'populate-tree': plugin 'recorder' failed after stage 'populate-tree': boom");

        assertThat(recorder.calls).endsWith("after:populate-tree",
                "failed:populate-tree: plugin 'recorder' failed after stage 'populate-tree': boom");
        host.assertUnchanged();
    }

    @Test
    void badInputFoundByAPluginBeforeValidateIsAnInputErrorNamingIt() throws Exception {
        HostSnapshot host = HostSnapshot.capture();
        PipelinePlugin refusing = new Plugin("refuser", RestoreHooks.builder()
                .before(StageIds.VALIDATE, context -> {
                    throw new InputException("this image is not for me");
                }).build());

        assertThatThrownBy(() -> runner(refusing).run(EngineRegistry.load().byName("v2"), job()))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("plugin 'refuser': this image is not for me");
        host.assertUnchanged();
    }

    @Test
    void aStageBeforeValidateOrAgainstAnUnknownStageIsRefused() {
        PipelinePlugin early = new Plugin("early", RestoreHooks.builder().stage(new PluginStage("x",
                StagePosition.before(StageIds.VALIDATE), "x", context -> { })).build());
        PipelinePlugin lost = new Plugin("lost", RestoreHooks.builder().stage(new PluginStage("y",
                StagePosition.after("no-such-stage"), "y", context -> { })).build());

        assertThatThrownBy(() -> runner(early).run(EngineRegistry.load().byName("v2"), job()))
                .hasMessage("restore failed in stage 'validate': plugin 'early' places its stage 'x' before validate;"
                        + " nothing may act on an image that was not checked");
        assertThatThrownBy(() -> runner(lost).run(EngineRegistry.load().byName("v2"), job()))
                .hasMessage("restore failed in stage 'validate': plugin 'lost' places its stage 'y' at after:no-such-stage,"
                        + " but the pipeline has no stage 'no-such-stage'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aFreshFilesystemHookHearsOfEveryNewFilesystemOnlyWhileItWantsTo(MountEngine engine) throws Exception {
        HostSnapshot host = HostSnapshot.capture();
        List<String> heard = new ArrayList<>();
        boolean[] wants = {true};
        PipelinePlugin listener = new Plugin("listener", RestoreHooks.builder().freshFilesystems(new FreshFilesystemHook() {
            @Override
            public void created(PluginContext context, Mount first, int rootFd) {
                heard.add(first.mountpoint().toString());
            }

            @Override
            public boolean wanted(PluginContext context) {
                return wants[0];
            }
        }).build());

        try (RestoreResult result = runner(listener).run(engine, job())) {
            assertThat(heard).containsExactlyInAnyOrder("/", "/a", "/b");
        }
        heard.clear();
        wants[0] = false;
        try (RestoreResult result = runner(listener).run(engine, job())) {
            assertThat(heard).isEmpty();
        }
        host.assertUnchanged();
    }

    @Test
    void stagesListsThePluginsStagesAtTheirPositions() {
        RecordingPlugin recorder = new RecordingPlugin(StagePosition.before(StageIds.VERIFY), null);

        assertThat(PipelineRunner.describe(EngineRegistry.load().byName("v2"),
                List.of(ActivePlugin.of(recorder, PluginOptions.none()))))
                .extracting(StageDescription::id)
                .containsExactly("validate", "pre-create-namespaces", "populate-tree", "assemble", "restore-sharing-groups",
                        "remount-read-only", "cleanup-deleted-sources", "recorded", "verify", "publish");
    }

    private static PipelineRunner runner(PipelinePlugin plugin) {
        return new PipelineRunner(StageHarness.KERNEL, new CanonicalVerifier(), line -> { },
                List.of(ActivePlugin.of(plugin, PluginOptions.none())));
    }

    private static RestoreJob job() {
        return new RestoreJob(image, null, RestoreRequest.empty(), Publication.release(), null);
    }

    /** A plugin made of the hooks given. */
    private record Plugin(String id, RestoreHooks hooks) implements PipelinePlugin {
        @Override
        public String description() {
            return id;
        }

        @Override
        public RestoreHooks restoreHooks() {
            return hooks;
        }
    }
}
