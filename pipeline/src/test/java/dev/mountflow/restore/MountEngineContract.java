package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.compare.ImageComparator;
import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.engine.StageIds;
import dev.mountflow.error.InputException;
import dev.mountflow.kernel.CountingKernel;
import dev.mountflow.kernel.FaultInjectingKernel;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.FreshMountTypes;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.RawString;
import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginOptions;
import dev.mountflow.plugin.RestoreHooks;
import dev.mountflow.pluginset.ActivePlugin;
import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.restore.corpus.LayoutCorpus.Layout;
import dev.mountflow.restore.corpus.LayoutProcess;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NativeCallException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The laws every mount engine is held to, written once against the engine SPI and implemented
 * by one test class per engine ({@code V1EngineTests}, {@code V2EngineTests}): every corpus
 * layout, built for real and dumped, restores canonically equal to its image, both through the
 * engine's stages alone and through the pipeline runner, or is refused in {@code validate} with
 * the reason the engine documents for it, before any namespace or mount exists; restoring twice
 * gives equal results; a failure at any mount-changing call unwinds completely. Each law reads the
 * kernel back and leaves the host's mount table and {@code /tmp} as it found them. And every
 * filesystem the engine creates is announced once to content plugins
 * ({@code RestoreContext.freshFilesystem}), while what is written into it still ends up in the
 * restored tree.
 */
public interface MountEngineContract {

    /** A fresh instance of the engine under test. */
    MountEngine engine();

    /**
     * The whole message with which the engine refuses {@code layout}, dumped as {@code image}, in
     * {@code validate} (an input error: exit 2), or empty when it restores it. Engines that can
     * restore everything keep the default.
     */
    default Optional<String> refusal(Layout layout, MountImage image) {
        return Optional.empty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mountflow.restore.corpus.LayoutCorpus#all")
    default void everyCorpusLayoutRestoresCanonicallyEqualToItsImage(Layout layout) throws Exception {
        warmUpProcessReaper();
        HostSnapshot host = HostSnapshot.capture();
        try (LayoutProcess process = layout.start()) {
            MountImage image = new Dumper(new LiveNamespaceReader(), "test")
                    .capture(new DumpRequest(process.pid(), layout.tree()));
            assertThat(image.namespaces()).hasSize(layout.namespaces());
            layout.dumpedImage().accept(image);
            Optional<String> refused = refusal(layout, image);
            if (refused.isPresent()) {
                assertRefusedInValidate(image, layout.request(), refused.get());
                host.assertUnchanged();
                return;
            }
            try (StageHarness restore = StageHarness.restore(engine(), image, layout.request())) {
                MountImage restored = RestoredImages.read(image, restore.context().restored());
                assertThat(new ImageComparator().compare(image, restored))
                        .as("differences; restored tables:%n%s", RestoredImages.text(restore.context().restored()))
                        .isEmpty();
            }
            try (RestoreResult result = new PipelineRunner(StageHarness.KERNEL, new CanonicalVerifier(), line -> { })
                    .run(engine(), new RestoreJob(image, null, layout.request(), Publication.release(), null))) {
                assertThat(result.namespaces()).hasSize(layout.namespaces());
                assertThat(result.report().outcome()).isEqualTo(RestoreReport.OK);
                assertThat(result.report().stages()).extracting(RestoreReport.StageReport::id)
                        .containsExactlyElementsOf(StageIds.ALL);
            }
        }
        host.assertUnchanged();
    }

    @Test
    default void restoringTheSameImageTwiceGivesCanonicallyEqualNamespaces() throws Exception {
        warmUpProcessReaper();
        HostSnapshot host = HostSnapshot.capture();
        MountImage image;
        try (LayoutProcess process = LayoutProcess.start(ROLLBACK_LAYOUT + LayoutProcess.pivotAndWait("/mnt/root", "root"), 1)) {
            image = new Dumper(new LiveNamespaceReader(), "test").capture(new DumpRequest(process.pid(), false));
        }
        MountImage first;
        try (StageHarness restore = StageHarness.restore(engine(), image, RestoreRequest.empty())) {
            first = RestoredImages.read(image, restore.context().restored());
        }
        try (StageHarness restore = StageHarness.restore(engine(), image, RestoreRequest.empty())) {
            assertThat(new ImageComparator().compare(first, RestoredImages.read(image, restore.context().restored()))).isEmpty();
        }
        host.assertUnchanged();
    }

    @Test
    default void aFailureAtAnyMountChangingCallLeavesNothingBehind() throws Exception {
        warmUpProcessReaper();
        MountImage image;
        try (LayoutProcess layout = LayoutProcess.start(ROLLBACK_LAYOUT + LayoutProcess.pivotAndWait("/mnt/root", "root"), 1)) {
            image = new Dumper(new LiveNamespaceReader(), "test").capture(new DumpRequest(layout.pid(), false));
        }
        List<String> host = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        FaultInjectingKernel counting = new FaultInjectingKernel(StageHarness.KERNEL, Integer.MAX_VALUE, Errno.EIO);
        StageHarness.restore(engine(), image, RestoreRequest.empty(), stage -> { }, counting).close();
        int calls = counting.mountChangingCalls();
        assertThat(calls).isGreaterThan(10);

        for (int k = 1; k <= calls; k++) {
            FaultInjectingKernel faulty = new FaultInjectingKernel(StageHarness.KERNEL, k, Errno.EIO);
            assertThatThrownBy(() -> StageHarness.restore(engine(), image, RestoreRequest.empty(), s -> { }, faulty))
                    .as("failing call %d of %d", k, calls)
                    .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(NativeCallException.class)
                            .hasMessageEndingWith("EIO (Input/output error)"));
            assertThat(Thread.getAllStackTraces().keySet()).as("threads left after failing call %d", k)
                    .filteredOn(t -> t.getName().startsWith("mntns-worker-") && t.isAlive()).isEmpty();
            assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).containsExactlyElementsOf(host);
        }
    }

    /**
     * The refusal happens in {@code validate}, as an input error with exactly {@code message}:
     * through the stages alone, no stage completes and no namespace is made and no mount touched;
     * through the pipeline runner, the same error comes out as it is.
     */
    private void assertRefusedInValidate(MountImage image, RestoreRequest request, String message) throws Exception {
        CountingKernel counting = new CountingKernel(StageHarness.KERNEL);
        List<String> completed = new ArrayList<>();
        assertThatThrownBy(() -> StageHarness.restore(engine(), image, request, completed::add, counting))
                .isInstanceOf(InputException.class).hasMessage(message);
        assertThat(completed).as("stages completed before the refusal").isEmpty();
        assertThat(counting.counts()).as("calls made before the refusal").doesNotContainKeys(KernelCall.UNSHARE)
                .allSatisfy((kind, n) -> assertThat(kind.changesMounts()).as("%s changes mounts", kind).isFalse());
        assertThatThrownBy(() -> new PipelineRunner(StageHarness.KERNEL, new CanonicalVerifier(), line -> { })
                .run(engine(), new RestoreJob(image, null, request, Publication.release(), null)))
                .isInstanceOf(InputException.class).hasMessage(message);
    }

    @Test
    default void everyFilesystemTheRestoreCreatesIsAnnouncedOnceAndWhatIsWrittenThenIsInTheTree() throws Exception {
        warmUpProcessReaper();
        HostSnapshot host = HostSnapshot.capture();
        MountImage image;
        try (LayoutProcess layout = LayoutProcess.start(ROLLBACK_LAYOUT + LayoutProcess.pivotAndWait("/mnt/root", "root"), 1)) {
            image = new Dumper(new LiveNamespaceReader(), "test").capture(new DumpRequest(layout.pid(), false));
        }
        java.util.List<DeviceId> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        PipelinePlugin marker = new PipelinePlugin() {
            @Override
            public String id() {
                return "marker";
            }

            @Override
            public String description() {
                return "writes a file into every new filesystem";
            }

            @Override
            public RestoreHooks restoreHooks() {
                return RestoreHooks.builder().freshFilesystems((context, first, rootFd) -> {
                    announced.add(first.device());
                    context.restore().kernel().createFile(rootFd, RawString.of("announced"), 0644);
                }).build();
            }
        };
        Set<DeviceId> fresh = new TreeSet<>();
        image.namespaces().forEach(ns -> ns.mounts().stream()
                .filter(m -> FreshMountTypes.contains(m.fstype()) && !m.isExternal()).forEach(m -> fresh.add(m.device())));

        try (RestoreResult result = new PipelineRunner(StageHarness.KERNEL, new CanonicalVerifier(), line -> { },
                List.of(ActivePlugin.of(marker, PluginOptions.none())))
                .run(engine(), new RestoreJob(image, null, RestoreRequest.empty(), Publication.release(), null))) {
            assertThat(announced).as("announced superblocks").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(fresh);
            Path root = Path.of("/proc/" + result.namespaces().get(0).thread().tid() + "/root");
            for (Mount m : image.namespaces().get(0).mounts()) {
                if (FreshMountTypes.contains(m.fstype()) && m.root().equals(RawString.SLASH)) {
                    assertThat(root.resolve(m.mountpoint().relativeTo(RawString.SLASH).toString()).resolve("announced"))
                            .as("the file written into %s when it was created", m.label()).exists();
                }
            }
        }
        host.assertUnchanged();
    }

    /** Peers, a shared slave, binds of a filesystem whose mount is gone, a deleted source, ro, unbindable. */
    String ROLLBACK_LAYOUT = """
            mkdir /mnt/root/m /mnt/root/s /mnt/root/px /mnt/root/py /mnt/root/ro /mnt/root/g /mnt/root/u /mnt/tmp0
            mount -t tmpfs m /mnt/root/m; mount --make-shared /mnt/root/m; mkdir /mnt/root/m/d
            mount --bind /mnt/root/m/d /mnt/root/s; mount --make-slave /mnt/root/s; mount --make-shared /mnt/root/s
            mount -t tmpfs grp /mnt/tmp0; mkdir /mnt/tmp0/x /mnt/tmp0/y /mnt/tmp0/gone
            mount --make-shared /mnt/tmp0
            mount --bind /mnt/tmp0/x /mnt/root/px; mount --bind /mnt/tmp0/y /mnt/root/py
            mount --bind /mnt/tmp0/gone /mnt/root/g; rmdir /mnt/tmp0/gone; umount /mnt/tmp0
            mount -t tmpfs ro /mnt/root/ro; mount -o remount,ro /mnt/root/ro
            mount -t tmpfs u /mnt/root/u; mount --make-unbindable /mnt/root/u
            """;

    /**
     * The JDK's process reaper thread is started by the first process start and dies when idle;
     * born in a namespace thread's task it would pin that namespace, so start it from here first.
     */
    private static void warmUpProcessReaper() throws Exception {
        new ProcessBuilder("true").start().waitFor();
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
