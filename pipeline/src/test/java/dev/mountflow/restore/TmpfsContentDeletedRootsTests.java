package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.mountflow.plugin.PluginOptions;
import dev.mountflow.plugins.tmpfs.TmpfsContentPlugin;
import dev.mountflow.pluginset.ActivePlugin;
import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.restore.corpus.LayoutProcess;
import dev.mountflow.spi.Kernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tmpfs content of superblocks shown through mounts whose roots were deleted (the corpus layout
 * {@code deletedSourcesWhosePathsWereReused}, where dumping once failed with getdents64 ENOENT on
 * the removed directory): a superblock whose deleted root's path was made again and bound is read
 * through the live mount, and comes back by every engine; one shown only through a deleted root
 * has nothing to read and is named in the plugin's data, with no archive.
 */
class TmpfsContentDeletedRootsTests {
    private static final Kernel K = StageHarness.KERNEL;
    private static final String LAYOUT = """
            mkdir /mnt/root/pq /mnt/root/pq2 /mnt/root/g /mnt/tmp0 /mnt/tmp1
            mount -t tmpfs s /mnt/tmp0; mkdir /mnt/tmp0/q
            mount --bind /mnt/tmp0/q /mnt/root/pq; rmdir /mnt/tmp0/q; mkdir /mnt/tmp0/q
            echo live > /mnt/tmp0/q/file
            mount --bind /mnt/tmp0/q /mnt/root/pq2; umount /mnt/tmp0
            mount -t tmpfs gone /mnt/tmp1; mkdir /mnt/tmp1/x
            mount --bind /mnt/tmp1/x /mnt/root/g; rmdir /mnt/tmp1/x; umount /mnt/tmp1
            """ + LayoutProcess.pivotAndWait("/mnt/root", "root");

    @TempDir
    static Path tmp;
    static Path imageDir;
    static MountImage image;
    static HostSnapshot host;

    @BeforeAll
    static void buildAndDump() throws Exception {
        new ProcessBuilder("true").start().waitFor();
        host = HostSnapshot.capture();
        imageDir = tmp.resolve("img");
        image = dumpWithContent(LAYOUT, imageDir);
    }

    /** Builds {@code script} in a private namespace and dumps it with tmpfs-content into {@code dir}. */
    private static MountImage dumpWithContent(String script, Path dir) throws Exception {
        try (LayoutProcess layout = LayoutProcess.start(script, 1)) {
            Dumper dumper = new Dumper(new LiveNamespaceReader(), "test", K, new KernelNamespaces(K),
                    List.of(ActivePlugin.of(new TmpfsContentPlugin(), PluginOptions.none())), line -> { });
            dumper.dump(new DumpRequest(layout.pid(), false), dir);
        }
        return ImageDirectory.read(dir);
    }

    /**
     * A bind of a file that was deleted afterwards, on a file mountpoint the content puts back: the
     * deleted root is recreated as a file, since a directory cannot be bound onto a file (EINVAL).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aDeletedFileRootIsRecreatedAsAFileOnItsFileMountpoint(MountEngine engine) throws Exception {
        Path dir = tmp.resolve("file-root-" + engine.name());
        MountImage fileRoot = dumpWithContent("""
                touch /mnt/root/g /mnt/root/f; mount --bind /mnt/root/g /mnt/root/f; rm /mnt/root/g
                """ + LayoutProcess.pivotAndWait("/mnt/root", "root"), dir);
        PipelineRunner runner = new PipelineRunner(K, new CanonicalVerifier(), line -> { },
                List.of(ActivePlugin.of(new TmpfsContentPlugin(), PluginOptions.none())));
        try (RestoreResult result = runner.run(engine, new RestoreJob(fileRoot, dir, RestoreRequest.empty(),
                Publication.release(), null))) {
            Path root = Path.of("/proc/" + result.namespaces().get(0).thread().tid() + "/root");
            assertThat(root.resolve("f")).isRegularFile();
            assertThat(root.resolve("g")).doesNotExist();
        }
        host.assertUnchanged();
    }

    @AfterAll
    static void hostAsFound() throws Exception {
        host.assertUnchanged();
    }

    static Stream<MountEngine> engines() {
        return EngineRegistry.load().engines().stream();
    }

    @Test
    void theLiveMountIsReadAndASuperblockShownOnlyThroughADeletedRootIsNamedUnread() throws Exception {
        Mount g = TmpfsArchives.mount(image, "/g");

        assertThat(TmpfsArchives.tarList(imageDir, TmpfsArchives.mount(image, "/pq2"))).containsExactly("q/", "q/file");
        assertThat(Files.exists(TmpfsArchives.archive(imageDir, g))).as("archive of %s", g.label()).isFalse();
        assertThat(ImageDirectory.readManifest(imageDir).orElseThrow().pluginData()
                .path("tmpfs-content").path("unread").toString())
                .isEqualTo("[{\"device\":\"%s\",\"reason\":\"namespace 1, %s (its root was deleted)\"}]"
                        .formatted(g.device(), g.label()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theLiveDirectorysFileComesBackAndTheDeletedRootsStayEmpty(MountEngine engine) throws Exception {
        PipelineRunner runner = new PipelineRunner(K, new CanonicalVerifier(), line -> { },
                List.of(ActivePlugin.of(new TmpfsContentPlugin(), PluginOptions.none())));
        try (RestoreResult result = runner.run(engine, new RestoreJob(image, imageDir, RestoreRequest.empty(),
                Publication.release(), null))) {
            Path root = Path.of("/proc/" + result.namespaces().get(0).thread().tid() + "/root");
            assertThat(Files.readString(root.resolve("pq2/file"))).isEqualTo("live\n");
            try (Stream<Path> pq = Files.list(root.resolve("pq")); Stream<Path> gone = Files.list(root.resolve("g"))) {
                assertThat(pq).isEmpty();
                assertThat(gone).isEmpty();
            }
        }
    }
}
