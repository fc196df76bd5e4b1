package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.compare.ImageComparator;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import dev.mountflow.restore.corpus.LayoutProcess;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The most common real input: a process in a namespace copied from the host's (root on the host's
 * filesystem, /proc, /sys, cgroup v1 and v2 hierarchies, devtmpfs, devpts …) plus a layout of its
 * own and a nested namespace. Dumped, restored with {@code --root /}, pinned, read back through
 * {@code nsenter} as an operator would, compared canonically, released.
 */
class HostCopyRestoreTests {

    @Test
    void aNamespaceCopiedFromTheHostRestoresPinsAndReadsBackEqual(@TempDir Path dir) throws Exception {
        String hostBefore = Files.readString(Path.of("/proc/self/mountinfo"));
        Path image = dir.resolve("image");
        Path pins = Files.createDirectories(dir.resolve("pins"));
        try (LayoutProcess layout = LayoutProcess.startRaw(DumpCommandTests.LAYOUT, 2)) {
            assertThat(CommandRun.of("dump", "--pid", Long.toString(layout.pid()), "--tree", "-D", image.toString())
                    .exitCode()).isZero();
        }
        MountImage dumped = ImageDirectory.read(image);
        try {
            CommandRun restore = CommandRun.of("restore", "-D", image.toString(), "--root", "/", "--ns-dir", pins.toString());

            assertThat(restore.err()).isEmpty();
            assertThat(restore.exitCode()).isZero();
            for (MountNamespace ns : dumped.namespaces()) {
                List<MountInfoEntry> live = MountInfoParser.parse(new ByteArrayInputStream(
                        nsenter(pins.resolve(Integer.toString(ns.id())), "cat", "/proc/self/mountinfo")));
                MountNamespace restored = new MountNamespace(ns.id(), 0, 0, live.stream().map(MountInfoEntry::toMount).toList());
                assertThat(new ImageComparator().compare(
                        new MountImage(ns.id(), "", List.of(ns)), new MountImage(ns.id(), "", List.of(restored))))
                        .as("namespace %d", ns.id()).isEmpty();
            }
        } finally {
            assertThat(CommandRun.of("gc", "--ns-dir", pins.toString()).exitCode()).isZero();
        }
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).isEqualTo(hostBefore);
    }

    /** The issue's own words: {@code mountflow dump}, then {@code mountflow restore --exec cat /proc/self/mountinfo}. */
    @Test
    void restoreExecCatShowsTheDumpedRootNamespace(@TempDir Path dir) throws Exception {
        String hostBefore = Files.readString(Path.of("/proc/self/mountinfo"));
        Path image = dir.resolve("image");
        try (LayoutProcess layout = LayoutProcess.startRaw(DumpCommandTests.LAYOUT, 2)) {
            assertThat(CommandRun.inSeparateJvm("dump", "--pid", Long.toString(layout.pid()), "-D", image.toString())
                    .exitCode()).isZero();
        }
        MountImage dumped = ImageDirectory.read(image);

        CommandRun exec = CommandRun.inSeparateJvm("restore", "-D", image.toString(), "--root", "/",
                "--exec", "cat", "/proc/self/mountinfo");

        assertThat(exec.err()).isEmpty();
        assertThat(exec.exitCode()).isZero();
        MountNamespace ns = dumped.namespaces().get(0);
        List<MountInfoEntry> live = MountInfoParser.parse(new ByteArrayInputStream(exec.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        MountNamespace restored = new MountNamespace(ns.id(), 0, 0, live.stream().map(MountInfoEntry::toMount).toList());
        assertThat(new ImageComparator().compare(new MountImage(ns.id(), "", List.of(ns)),
                new MountImage(ns.id(), "", List.of(restored)))).isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).isEqualTo(hostBefore);
    }

    private static byte[] nsenter(Path pin, String... command) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("nsenter", "--mount=" + pin, "--"));
        argv.addAll(List.of(command));
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
