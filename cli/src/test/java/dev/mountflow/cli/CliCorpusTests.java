package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.compare.ImageComparator;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.kernel.NamespaceThread;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import dev.mountflow.restore.RestoreReport;
import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.restore.corpus.LayoutCorpus.Layout;
import dev.mountflow.restore.corpus.LayoutProcess;
import dev.mountflow.spi.Kernel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus through the command line, each command in its own JVM as a user runs it: for each
 * layout of the {@link dev.mountflow.restore.corpus.LayoutCorpus}, {@code mountflow dump}, then
 * {@code mountflow restore --ns-dir PINS}, the restored root namespace's mount table read by a
 * thread that joins its pin (what {@code nsenter --mount=PINS/1 cat /proc/self/mountinfo} does),
 * and {@code mountflow gc --ns-dir PINS}. The table must be canonically equal to the dumped root
 * namespace.
 *
 * <p>Why not {@code restore --exec cat /proc/self/mountinfo}: the command runs with the restored
 * root as its root, and a corpus root is a tmpfs holding no binaries and no proc (or, for the
 * host-backed layout, the host's root without proc mounted), so it fails in every layout: exit 1,
 * {@code Cannot run program "cat": error=2}, or cat's own "No such file or directory". Why nsenter
 * would not do either: setns into a mount namespace moves the caller's root to that namespace's
 * root, where cat is as absent.
 *
 * <p>Pins are bind mounts in the namespace of the JVM that makes them, so restore and gc run
 * through {@code nsenter} in a private namespace held for the test ({@link LayoutProcess}); the host
 * never sees a pin, and if the test fails before gc, closing the holder drops the pins with its
 * namespace.
 *
 * <p>The holder and the commands in it run on one CPU. The kernel refuses (EINVAL) to bind a mount
 * namespace's file into a namespace whose id is not lower than its own (mnt_ns_loop), and on Linux
 * 6.18 a namespace made later on another CPU can get a lower id (ids now come from per-CPU batches),
 * so pinning into any namespace but the initial one failed in about a third of the restores on two
 * CPUs, and never on one.
 */
class CliCorpusTests {
    private static final Kernel KERNEL = JnrKernel.load();
    private static final List<String> ONE_CPU = OneCpu.LAUNCHER;

    private HostSnapshot host;

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
    void restoredRootNamespaceShowsTheDumpedOne(Layout layout, @TempDir Path tmp) throws Exception {
        Path images = tmp.resolve("img");
        MountImage image;
        try (LayoutProcess process = layout.start()) {
            CommandRun dump = CommandRun.inSeparateJvm(dumpArgs(layout, process.pid(), images));

            assertThat(dump.err()).isEmpty();
            assertThat(dump.exitCode()).isZero();
            image = ImageDirectory.read(images);
            assertThat(dump.out()).isEqualTo("dumped %d mount(s) in %d namespace(s) of process %d to %s%n"
                    .formatted(image.mountCount(), layout.namespaces(), process.pid(), images));
            assertThat(image.namespaces()).hasSize(layout.namespaces());
            layout.dumpedImage().accept(image);
        }
        Path pins = Files.createDirectory(tmp.resolve("pins"));
        Path report = tmp.resolve("report.json");

        try (LayoutProcess holder = LayoutProcess.startRaw(ONE_CPU, "echo ready; exec sleep 600", 1)) {
            List<String> inHolder = new ArrayList<>(ONE_CPU);
            inHolder.addAll(List.of("nsenter", "--target", Long.toString(holder.pid()), "--mount", "--"));
            CommandRun restore = CommandRun.inSeparateJvm(inHolder, restoreArgs(layout, images, pins, report));

            assertThat(restore.err()).isEmpty();
            assertThat(restore.exitCode()).isZero();
            RestoreReport written = RestoreReport.fromJson(Files.readString(report));
            assertThat(restore.out()).isEqualTo(restoreSummary(image, written, pins));

            String table = mountinfoOfPin(holder, pins.resolve(Integer.toString(image.rootNamespaceId())));
            assertThat(new ImageComparator().compare(rootNamespaceOf(image), parsed(table)))
                    .as("differences; restored table:%n%s", table).isEmpty();

            CommandRun gc = CommandRun.inSeparateJvm(inHolder, "gc", "--ns-dir", pins.toString());
            assertThat(gc.err()).isEmpty();
            assertThat(gc.exitCode()).isZero();
            assertThat(gc.out()).matches(image.namespaces().stream()
                    .map(ns -> Pattern.quote("removed namespace pin '" + pins.resolve(Integer.toString(ns.id())) + "'") + " \\(mnt:\\[[0-9]+\\]\\)\n")
                    .collect(Collectors.joining()));
            assertThat(pins).isEmptyDirectory();
        }
    }

    private static String[] dumpArgs(Layout layout, long pid, Path images) {
        List<String> args = new ArrayList<>(List.of("dump", "--pid", Long.toString(pid)));
        if (layout.tree()) {
            args.add("--tree");
        }
        args.addAll(List.of("-D", images.toString()));
        return args.toArray(String[]::new);
    }

    private static String[] restoreArgs(Layout layout, Path images, Path pins, Path report) {
        List<String> args = new ArrayList<>(List.of("restore", "-D", images.toString()));
        if (layout.root() != null) {
            args.addAll(List.of("--root", layout.root().toString()));
        }
        args.addAll(List.of("--ns-dir", pins.toString(), "--report", report.toString()));
        return args.toArray(String[]::new);
    }

    private static String restoreSummary(MountImage image, RestoreReport report, Path pins) {
        StringBuilder out = new StringBuilder("""
                restored %d namespace(s) with %d mount(s) using engine 'v2' (%d mount-changing call(s)); \
                verified equal to the image
                """.formatted(image.namespaces().size(), image.mountCount(), report.total().mountsTouched()));
        image.namespaces().stream().mapToInt(MountNamespace::id).sorted().forEach(id -> out.append(
                "pinned namespace %d: nsenter --mount=%s%n".formatted(id, pins.resolve(Integer.toString(id)))));
        return out.append("release with: mountflow gc --ns-dir %s%n".formatted(pins)).toString();
    }

    /**
     * The mount table of the namespace pinned on {@code pin} in the holder's namespace, reached
     * through the holder's root, as a thread that joined it sees it.
     */
    private static String mountinfoOfPin(LayoutProcess holder, Path pin) throws IOException {
        Path throughHolder = Path.of("/proc/" + holder.pid() + "/root" + pin);
        try (NamespaceThread reader = NamespaceThread.joining(KERNEL, throughHolder)) {
            return Files.readString(reader.mountInfoPath(), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The image's root namespace as a one-namespace image, to compare with one restored table: of
     * a root with mounts stacked on it, only the top's tree, since a thread joining a namespace
     * gets the top of the stack on its root as its root, and its mountinfo shows nothing below.
     */
    private static MountImage rootNamespaceOf(MountImage image) {
        MountNamespace root = image.namespace(image.rootNamespaceId()).orElseThrow();
        Set<Integer> ids = new HashSet<>();
        Map<Integer, List<Mount>> children = new HashMap<>();
        for (Mount m : root.mounts()) {
            ids.add(m.id());
            if (m.parentId() != m.id()) {
                children.computeIfAbsent(m.parentId(), k -> new ArrayList<>()).add(m);
            }
        }
        Mount top = root.mounts().stream().filter(m -> !ids.contains(m.parentId()) || m.parentId() == m.id())
                .findFirst().orElseThrow();
        Mount bottom = top;
        for (Mount next = stackedOn(top, children); next != null; next = stackedOn(top, children)) {
            top = next;
        }
        if (top == bottom) {
            return new MountImage(root.id(), image.toolVersion(), List.of(root));
        }
        List<Mount> visible = new ArrayList<>();
        Deque<Mount> walk = new ArrayDeque<>(List.of(top));
        while (!walk.isEmpty()) {
            Mount m = walk.pop();
            visible.add(m);
            walk.addAll(children.getOrDefault(m.id(), List.of()));
        }
        return new MountImage(root.id(), image.toolVersion(), List.of(root.withMounts(visible)));
    }

    private static Mount stackedOn(Mount m, Map<Integer, List<Mount>> children) {
        return children.getOrDefault(m.id(), List.of()).stream()
                .filter(c -> c.mountpoint().equals(m.mountpoint())).findFirst().orElse(null);
    }

    private static MountImage parsed(String mountinfo) throws IOException {
        List<Mount> mounts = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(mountinfo.getBytes(StandardCharsets.ISO_8859_1))) {
            for (MountInfoEntry entry : MountInfoParser.parse(in)) {
                mounts.add(entry.toMount());
            }
        }
        return new MountImage(1, "restored", List.of(new MountNamespace(1, 0, 0, mounts)));
    }
}
