package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.kernel.KernelNamespaces;
import dev.mountflow.kernel.NamespaceThread;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.RawString;
import dev.mountflow.plugin.PluginOptions;
import dev.mountflow.plugins.tmpfs.ContentFixture;
import dev.mountflow.plugins.tmpfs.TmpfsContentPlugin;
import dev.mountflow.plugins.tmpfs.TreeSnapshot;
import dev.mountflow.pluginset.ActivePlugin;
import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.restore.corpus.LayoutProcess;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.OpenTreeFlags;
import dev.mountflow.spi.ResolveFlags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * tmpfs content through dump and restore, with every engine: a tmpfs holding files of every kind,
 * one of them hidden under an overmount, beside a read-only tmpfs and a read-only bind, dumped
 * with the tmpfs-content plugin and restored; each superblock read back through a childless,
 * noatime clone of its mount (so the hidden file is seen, and reading changes no time) equals the
 * original, file by file: type, permissions, owner, times to the nanosecond, size and holes,
 * device numbers, link targets, hard links, extended attributes, data.
 */
class TmpfsContentRestoreTests {
    private static final Kernel K = StageHarness.KERNEL;
    private static final List<String> MOUNTS = List.of("/data", "/data/sub", "/ro");
    private static final String LAYOUT = """
            mkdir /mnt/root/data /mnt/root/ro /mnt/root/robind
            mount -t tmpfs -o mode=0751 data /mnt/root/data
            mkdir -p /mnt/root/data/sub /mnt/root/data/all
            echo hidden > /mnt/root/data/sub/hidden
            touch -d @1600000000.123456789 /mnt/root/data/sub/hidden
            mount -t tmpfs over /mnt/root/data/sub
            echo on top > /mnt/root/data/sub/top
            mount -t tmpfs rotmp /mnt/root/ro
            echo read-only > /mnt/root/ro/file
            mkfifo /mnt/root/ro/fifo
            mount -o remount,ro /mnt/root/ro
            mount --bind /mnt/root/data/all /mnt/root/robind
            mount -o remount,bind,ro,nosuid,nodev,noexec /mnt/root/robind
            """ + LayoutProcess.pivotAndWait("/mnt/root", "root");

    @TempDir
    static Path tmp;
    static Path imageDir;
    static MountImage image;
    static Map<String, Map<String, String>> original = new LinkedHashMap<>();
    static HostSnapshot host;

    @BeforeAll
    static void buildFillAndDump() throws Exception {
        new ProcessBuilder("true").start().waitFor();
        host = HostSnapshot.capture();
        imageDir = tmp.resolve("img");
        try (LayoutProcess layout = LayoutProcess.start(LAYOUT, 1);
             NamespaceThread live = NamespaceThread.joining(K, Path.of("/proc/" + layout.pid() + "/ns/mnt"))) {
            int all = live.call(() -> reach(RawString.of("/data/all")));
            try {
                ContentFixture.make(K, all);
            } finally {
                K.close(all);
            }
            for (String m : MOUNTS) {
                original.put(m, snapshot(live, m));
            }
            Dumper dumper = new Dumper(new LiveNamespaceReader(), "test", K, new KernelNamespaces(K),
                    List.of(ActivePlugin.of(new TmpfsContentPlugin(), PluginOptions.none())), line -> { });
            dumper.dump(new DumpRequest(layout.pid(), false), imageDir);
        }
        image = ImageDirectory.read(imageDir);
    }

    @AfterAll
    static void hostAsFound() throws Exception {
        host.assertUnchanged();
    }

    static Stream<MountEngine> engines() {
        return EngineRegistry.load().engines().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everySuperblockComesBackFileByFile(MountEngine engine) throws Exception {
        PipelineRunner runner = new PipelineRunner(K, new CanonicalVerifier(), line -> { },
                List.of(ActivePlugin.of(new TmpfsContentPlugin(), PluginOptions.none())));
        try (RestoreResult result = runner.run(engine, new RestoreJob(image, imageDir, RestoreRequest.empty(),
                Publication.release(), null))) {
            NamespaceExecutor restored = result.namespaces().get(0).thread();
            for (String m : MOUNTS) {
                assertThat(snapshot(restored, m)).as("content of %s", m).containsExactlyEntriesOf(original.get(m));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theHiddenFileAndTheReadOnlyTmpfsAreInTheImageAndGnuTarListsIt(MountEngine ignored) throws Exception {
        Mount data = TmpfsArchives.mount(image, "/data");
        Mount ro = TmpfsArchives.mount(image, "/ro");

        assertThat(TmpfsArchives.tarList(imageDir, data)).contains("./", "sub/", "sub/hidden", "all/", "all/d/", "all/d/f", "all/sparse",
                "all/hard", "all/null", "all/fifo");
        assertThat(TmpfsArchives.tarList(imageDir, ro)).containsExactly("./", "fifo", "file");
        assertThat(original.get("/data").get("sub/hidden")).contains("mtime=1600000000.123456789");
    }

    /** The superblock content shown by the mount at {@code mountpoint}, through a childless noatime clone. */
    private static Map<String, String> snapshot(NamespaceExecutor ns, String mountpoint) throws Exception {
        int clone = ns.call(() -> {
            int at = reach(RawString.of(mountpoint));
            try {
                int c = K.openTree(at, RawString.EMPTY, OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC
                        | AtFlags.AT_EMPTY_PATH);
                K.mountSetattr(c, RawString.EMPTY, AtFlags.AT_EMPTY_PATH, MountAttrFlags.MOUNT_ATTR_NOATIME
                        | MountAttrFlags.MOUNT_ATTR_RDONLY, MountAttrFlags.MOUNT_ATTR__ATIME, 0, 0);
                return c;
            } finally {
                K.close(at);
            }
        });
        try {
            return TreeSnapshot.of(K, clone);
        } finally {
            K.close(clone);
        }
    }

    /** On a thread of the namespace: an O_PATH fd on what {@code path} reaches from its root. */
    private static int reach(RawString path) {
        int root = K.openat2(AtFlags.AT_FDCWD, RawString.SLASH, OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0, 0);
        try {
            return K.openat2(root, path.relativeTo(RawString.SLASH), OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0,
                    ResolveFlags.RESOLVE_BENEATH | ResolveFlags.RESOLVE_NO_SYMLINKS);
        } finally {
            K.close(root);
        }
    }
}
