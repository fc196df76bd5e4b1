package dev.mountflow.restore;

import static dev.mountflow.model.MountFlags.MS_RELATIME;
import static dev.mountflow.restore.StageHarness.KERNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.engine.StageIds;
import dev.mountflow.engine.MountEngine;
import dev.mountflow.error.InputException;
import dev.mountflow.kernel.KernelNamespaces;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.NamespaceExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An engine against hostile or incomplete input, the same laws and messages for both: host-backed
 * content ({@code --root}, {@code --external}) lives on a tmpfs in a private namespace of the
 * test, from which the restore's own namespaces are copied. Each test reads that namespace's mount
 * table back to show nothing was left mounted. One subclass per engine.
 */
abstract class EngineSafetyTests {
    private static final DeviceId HOST_DISK = new DeviceId(254, 0);
    private static final Path CONTENT = Path.of("/mnt/content");

    private NamespaceExecutor ns;
    private String before;

    /** A fresh instance of the engine under test. */
    abstract MountEngine engine();

    /**
     * The pattern of the whole failure when a symlink replaces a mountpoint of root content after
     * validate: a confined lookup of it fails with ELOOP.
     */
    abstract String symlinkAfterValidation();

    @BeforeAll
    static void startTheProcessReaperFromTheMainThread() throws Exception {
        new ProcessBuilder("true").start().waitFor();
    }

    @BeforeEach
    void contentOnAPrivateTmpfs() throws Exception {
        ns = new KernelNamespaces(KERNEL).newPrivate();
        ns.run(() -> {
            KERNEL.mount(RawString.of("content"), RawString.of("/mnt"), "tmpfs", 0, null);
            Files.createDirectory(CONTENT);
        });
        before = Files.readString(ns.mountInfoPath());
    }

    @AfterEach
    void nothingLeftMounted() throws Exception {
        try {
            assertThat(Files.readString(ns.mountInfoPath())).isEqualTo(before);
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("mntns-worker-")
                    && t.isAlive()).hasSize(1);
        } finally {
            ns.close();
        }
    }

    @Test
    void aSymlinkPlantedWhereAMountpointShouldBeIsRefusedBeforeAnyMount() throws Exception {
        ns.run(() -> Files.createSymbolicLink(CONTENT.resolve("a"), Path.of("/etc")));

        assertThatThrownBy(() -> ns.call(() -> StageHarness.restore(engine(), hostBackedImage(),
                new RestoreRequest(CONTENT, Map.of(), false))))
                .isInstanceOf(InputException.class)
                .hasMessage("""
                        %s cannot restore this image:
                          namespace 1, mount 2 '/a': its mountpoint '/mnt/content/a' goes through a symlink, \
                        which a restore never follows""".formatted(engine().name()));
    }

    @Test
    void aSymlinkPlantedAfterValidationIsNotFollowedAndEverythingUnwinds() throws Exception {
        ns.run(() -> Files.createDirectory(CONTENT.resolve("a")));

        assertThatThrownBy(() -> ns.call(() -> StageHarness.restore(engine(), hostBackedImage(),
                new RestoreRequest(CONTENT, Map.of(), false), stage -> {
                    if (stage.equals(StageIds.VALIDATE)) {
                        Files.delete(CONTENT.resolve("a"));
                        Files.createSymbolicLink(CONTENT.resolve("a"), Path.of("/etc"));
                    }
                })))
                .hasMessageMatching(symlinkAfterValidation());
    }

    @Test
    void aMissingMountpointInRootContentIsNamedBeforeAnyMount() {
        assertThatThrownBy(() -> ns.call(() -> StageHarness.restore(engine(), hostBackedImage(),
                new RestoreRequest(CONTENT, Map.of(), false))))
                .isInstanceOf(InputException.class)
                .hasMessage("""
                        %s cannot restore this image:
                          namespace 1, mount 2 '/a': its mountpoint '/mnt/content/a' is missing from \
                        --root '/mnt/content' (--create-mountpoints would create it)""".formatted(engine().name()));
    }

    @Test
    void createMountpointsCreatesItInTheRootContentAndRestores() throws Exception {
        try (StageHarness restore = ns.call(() -> StageHarness.restore(engine(), hostBackedImage(),
                new RestoreRequest(CONTENT, Map.of(), true)))) {
            String table = Files.readString(restore.context().restored().get(0).thread().mountInfoPath());
            assertThat(table.lines().map(l -> l.split(" ")[4] + " " + l.split(" - ")[1])).containsExactly(
                    "/ tmpfs content rw", "/a tmpfs t rw");
        }
        ns.run(() -> assertThat(CONTENT.resolve("a")).isDirectory());
    }

    @Test
    void aHostBackedRootWithoutRootContentIsRefused() {
        assertThatThrownBy(() -> StageHarness.restore(engine(), hostBackedImage(), RestoreRequest.empty()))
                .isInstanceOf(InputException.class)
                .hasMessage("""
                        %s cannot restore this image:
                          namespace 1, mount 1 '/': the image's root mount is host-backed ('ext4' /dev/vda); \
                        give its content with --root DIR""".formatted(engine().name()));
    }

    @Test
    void anExternalMountWithoutAHostPathIsRefused() {
        Mount root = tmpfs(1, 0, "/");
        Mount ext = new Mount(2, 1, HOST_DISK, RawString.of("/srv"), RawString.of("/data"), "ext4",
                RawString.of("/dev/vda"), MS_RELATIME, 0, RawString.EMPTY, 0, 0, false, false, "data");
        MountImage image = new MountImage(1, "test", List.of(new MountNamespace(1, 0, 0, List.of(root, ext))));

        assertThatThrownBy(() -> StageHarness.restore(engine(), image, RestoreRequest.empty()))
                .isInstanceOf(InputException.class)
                .hasMessage("""
                        %s cannot restore this image:
                          namespace 1, mount 2 '/data': external key 'data' has no host path; \
                        give it with --external mnt[data]:PATH""".formatted(engine().name()));
    }

    @Test
    void anExternalMountComesFromItsHostPathWithoutItsSubmounts() throws Exception {
        ns.run(() -> {
            Files.createDirectories(CONTENT.resolve("ext/sub"));
            KERNEL.mount(RawString.of("hidden"), RawString.of("/mnt/content/ext/sub"), "tmpfs", 0, null);
        });
        before = Files.readString(ns.mountInfoPath());
        Mount root = tmpfs(1, 0, "/");
        Mount ext = new Mount(2, 1, HOST_DISK, RawString.of("/srv"), RawString.of("/data"), "ext4",
                RawString.of("/dev/vda"), MS_RELATIME, 0, RawString.EMPTY, 0, 0, false, false, "data");
        MountImage image = new MountImage(1, "test", List.of(new MountNamespace(1, 0, 0, List.of(root, ext))));

        try (StageHarness restore = ns.call(() -> StageHarness.restore(engine(), image,
                new RestoreRequest(null, Map.of("data", CONTENT.resolve("ext")), false)))) {
            String table = Files.readString(restore.context().restored().get(0).thread().mountInfoPath());
            assertThat(table.lines().map(l -> l.split(" ")[3] + " " + l.split(" ")[4] + " " + l.split(" - ")[1]))
                    .containsExactly("/ / tmpfs t rw", "/content/ext /data tmpfs content rw");
        }
    }

    /** An ext4 root (content from --root) with a tmpfs on {@code /a}. */
    private static MountImage hostBackedImage() {
        Mount root = new Mount(1, 0, HOST_DISK, RawString.SLASH, RawString.SLASH, "ext4", RawString.of("/dev/vda"),
                MS_RELATIME, 0, RawString.EMPTY, 0, 0, false, false, null);
        return new MountImage(1, "test", List.of(new MountNamespace(1, 0, 0, List.of(root, tmpfs(2, 1, "/a")))));
    }

    private static Mount tmpfs(int id, int parent, String mountpoint) {
        return new Mount(id, parent, new DeviceId(0, 900 + id), RawString.SLASH, RawString.of(mountpoint), "tmpfs",
                RawString.of("t"), MS_RELATIME, 0, RawString.EMPTY, 0, 0, false, false, null);
    }
}
