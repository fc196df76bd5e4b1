package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.image.ImageDirectory;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.kernel.NamespaceThread;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import dev.mountflow.restore.EngineRegistry;
import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.restore.corpus.LayoutProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * External mounts through the CLI, with every engine. A namespace of the test stands in for the
 * host (the real host's mounts are never made shared): its {@code /mnt/host} is a shared tmpfs.
 * A container namespace made from it binds two of its directories, one a slave of the shared
 * mount, one private, then pivots away. Dumped with {@code --external}, it restores inside the
 * stand-in host with {@code --external} mappings, the slave again a slave of the stand-in's
 * shared mount; without the mappings it is refused before anything is mounted.
 */
class ExternalMountsTests {
    private static final String CONTAINER = LayoutProcess.PIVOT + """
            mkdir /mnt/root
            mount -t tmpfs rootfs /mnt/root
            mkdir /mnt/root/.old /mnt/root/ext1 /mnt/root/ext2
            ln -s /.old/proc /mnt/root/proc
            mount --bind /mnt/host/a /mnt/root/ext1
            mount --make-slave /mnt/root/ext1
            mount --bind /mnt/host/b /mnt/root/ext2
            mount --make-private /mnt/root/ext2
            pivot_into /mnt/root
            echo ready container
            read x <&3 || true
            """;
    private static final String HOST = """
            mount -t tmpfs lab /mnt
            mkdir /mnt/host
            mount -t tmpfs hostdata /mnt/host
            mount --make-shared /mnt/host
            mkdir /mnt/host/a /mnt/host/b
            echo a > /mnt/host/a/file
            echo b > /mnt/host/b/file
            cat > /mnt/container.sh <<'EOS'
            %s
            EOS
            exec 3<&0
            unshare --mount --propagation unchanged -- sh -eu /mnt/container.sh &
            wait
            """.formatted(CONTAINER);

    @TempDir
    static Path tmp;
    static LayoutProcess standIn;
    static long container;
    static Path image;
    static HostSnapshot host;

    @BeforeAll
    static void dumpTheContainer() throws Exception {
        host = HostSnapshot.capture();
        // The stand-in and every command in it on one CPU, so restores can pin into it (OneCpu).
        standIn = LayoutProcess.startRaw(OneCpu.LAUNCHER, HOST, 1);
        String hostNs = Files.readSymbolicLink(Path.of("/proc/" + standIn.pid() + "/ns/mnt")).toString();
        container = standIn.pids().stream().filter(p -> !hostNs.equals(namespaceOf(p))).reduce((a, b) -> b).orElseThrow();
        image = tmp.resolve("img");
        CommandRun dump = CommandRun.of("dump", "--pid", Long.toString(container), "-D", image.toString(),
                "--external", "mnt[/ext1]:k1", "--external", "mnt[/ext2]:k2");
        assertThat(dump.err()).isEmpty();
        assertThat(dump.exitCode()).isZero();
    }

    @AfterAll
    static void hostAsFound() throws Exception {
        standIn.close();
        host.assertUnchanged();
    }

    static Stream<String> engines() {
        return EngineRegistry.load().names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void restoresWithTheMappingTheSlaveASlaveOfTheStandInHostsSharedMount(String engine) throws Exception {
        MountImage dumped = ImageDirectory.read(image);
        Mount ext1 = mount(dumped, "/ext1");
        assertThat(ext1.externalKey()).isEqualTo("k1");
        assertThat(ext1.isSlave()).isTrue();
        Path pins = Files.createDirectories(tmp.resolve("pins-" + engine));
        List<String> standInBefore = standInTable();

        CommandRun restore = inStandIn("restore", "-D", image.toString(), "--mount-engine", engine,
                "--external", "mnt[k1]:/mnt/host/a", "--external", "mnt[k2]:/mnt/host/b", "--ns-dir", pins.toString());

        assertThat(restore.err()).isEmpty();
        assertThat(restore.exitCode()).isZero();
        try {
            int hostGroup = sharedIdOf("/mnt/host");
            List<MountInfoEntry> restored = restoredTable(pins.resolve("1"));
            MountInfoEntry r1 = restored.stream().filter(e -> e.mountpoint().equals(RawString.of("/ext1"))).findFirst().orElseThrow();
            MountInfoEntry r2 = restored.stream().filter(e -> e.mountpoint().equals(RawString.of("/ext2"))).findFirst().orElseThrow();
            assertThat(r1.masterId()).as("master of the restored /ext1").isEqualTo(hostGroup);
            assertThat(r1.sharedId()).isZero();
            assertThat(r1.root()).isEqualTo(RawString.of("/a"));
            assertThat(r2.masterId()).isZero();
            assertThat(r2.root()).isEqualTo(RawString.of("/b"));
        } finally {
            CommandRun gc = inStandIn("gc", "--ns-dir", pins.toString());
            assertThat(gc.exitCode()).isZero();
        }
        assertThat(standInTable()).containsExactlyElementsOf(standInBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void withoutTheMappingItIsRefusedBeforeAnyMount(String engine) throws Exception {
        List<String> standInBefore = standInTable();
        Mount ext1 = mount(ImageDirectory.read(image), "/ext1");

        CommandRun restore = inStandIn("restore", "-D", image.toString(), "--mount-engine", engine,
                "--external", "mnt[k2]:/mnt/host/b");

        assertThat(restore.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(restore.err()).isEqualTo("mountflow: plugin 'external-mounts': namespace 1, " + ext1.label()
                + " is external with key 'k1': give its host path with --external mnt[k1]:PATH\n");
        assertThat(standInTable()).containsExactlyElementsOf(standInBefore);
    }

    private static CommandRun inStandIn(String... args) throws Exception {
        List<String> launcher = new ArrayList<>(OneCpu.LAUNCHER);
        launcher.addAll(List.of("nsenter", "--target", Long.toString(standIn.pid()), "--mount", "--"));
        return CommandRun.inSeparateJvm(launcher, args);
    }

    private static List<String> standInTable() throws IOException {
        return Files.readAllLines(Path.of("/proc/" + standIn.pid() + "/mountinfo"));
    }

    private static int sharedIdOf(String mountpoint) throws IOException {
        return MountInfoParser.parse(new ByteArrayInputStream(Files.readAllBytes(Path.of("/proc/" + standIn.pid() + "/mountinfo"))))
                .stream().filter(e -> e.mountpoint().equals(RawString.of(mountpoint))).findFirst().orElseThrow().sharedId();
    }

    /** The restored namespace's table, read by a thread that joins its pin through the stand-in's root. */
    private static List<MountInfoEntry> restoredTable(Path pin) throws IOException {
        Path throughStandIn = Path.of("/proc/" + standIn.pid() + "/root" + pin);
        try (NamespaceThread reader = NamespaceThread.joining(JnrKernel.load(), throughStandIn)) {
            return MountInfoParser.parse(new ByteArrayInputStream(Files.readAllBytes(reader.mountInfoPath())));
        }
    }

    private static Mount mount(MountImage image, String mountpoint) {
        return image.namespaces().get(0).mounts().stream().filter(m -> m.mountpoint().equals(RawString.of(mountpoint)))
                .findFirst().orElseThrow();
    }

    private static String namespaceOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/mnt")).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
