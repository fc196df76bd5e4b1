package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.bench.BenchLayouts;
import dev.mountflow.bench.Layout;
import dev.mountflow.image.ImageDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code mountflow restore} JVM killed with SIGKILL while populate-tree and assemble build thousands
 * of mounts (v2 clones a fresh filesystem's mounts straight to their place in assemble; v1 builds
 * them all in its roots yard in populate-tree) leaves the host as it found it, with no cleanup code
 * run (DESIGN.md §7, rule 4): the restored namespaces, and v1's work namespace with its yard, lived
 * only in the killed JVM's threads and fds, so nothing on the machine refers to them afterwards.
 */
class RestoreKillTests {
    /**
     * Large enough that populate-tree lasts far longer than the delays (seconds against
     * milliseconds) and small enough to stay below the fd limit: v2 holds an fd per mount and
     * fails with EMFILE near {@code ulimit -n} mounts (20,000 here).
     */
    private static final int MOUNTS = 10_000;
    private static final String POPULATE_TREE_STARTED = "mountflow: stage populate-tree started";
    /** The mounts are all built (and v2's clones attached) once assemble is done. */
    private static final String MOUNTS_BUILT = "mountflow: stage assemble done";
    private static final int KILLED_BY_SIGKILL = 128 + 9;

    @TempDir
    static Path tmp;
    static Path image;

    @BeforeAll
    static void writeImage() throws IOException {
        image = tmp.resolve("img");
        ImageDirectory.write(image, BenchLayouts.generate(Layout.GROUPS, MOUNTS));
    }

    /**
     * Kills at fixed delays after populate-tree started, and at a point while mounts are built that
     * depends on progress, not on the machine's speed: for v2 once the restore holds a few hundred
     * fds (it parks mounts on plain mountpoints or clones them in assemble, and holds at most a
     * batch of clone fds at a time), for v1 once a few thousand mounts stand in its work namespace
     * (it holds an fd only while a step needs it, a handful).
     */
    @ParameterizedTest(name = "engine {0} killed {1} ms into populate-tree, holding at least {2} fds and {3} mounts")
    @CsvSource({"v1, 0, 0, 0", "v1, 5, 0, 0", "v1, 20, 0, 0", "v1, 200, 0, 0", "v1, 0, 0, 3000",
        "v2, 0, 0, 0", "v2, 5, 0, 0", "v2, 20, 0, 0", "v2, 200, 0, 0", "v2, 0, 200, 0"})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRestoreKilledInPopulateTreeLeavesTheHostAsFound(String engine, int delayMillis, int minimumFds,
                                                           int minimumMounts) throws Exception {
        HostSnapshot host = HostSnapshot.capture();
        String hostNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        // -XX:-UsePerfData: no hsperfdata file in /tmp, which a SIGKILL would leave behind.
        Process restore = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "restore", "--verbose", "--mount-engine", engine, "-D", image.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Map<String, FileChannel> restoredNamespaces = new TreeMap<>();
        int fdsAtKill;
        int mountsAtKill;
        List<String> stderr = new ArrayList<>();
        try {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(restore.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); !POPULATE_TREE_STARTED.equals(line); line = err.readLine()) {
                    assertThat(line).as("stderr of the restore before populate-tree started: %s", stderr).isNotNull();
                    stderr.add(line);
                }
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                while (fdsOf(restore.pid()) < minimumFds && restore.isAlive()) {
                    Thread.sleep(1);
                }
                while (mountsBuilt(restore.pid(), hostNamespace) < minimumMounts && restore.isAlive()) {
                    Thread.sleep(1);
                }
                holdNamespacesOfThreads(restore.pid(), hostNamespace, restoredNamespaces);
                fdsAtKill = fdsOf(restore.pid());
                mountsAtKill = mountsBuilt(restore.pid(), hostNamespace);
                assertThat(restore.isAlive()).as("the restore is running when killed").isTrue();

                // SIGKILL through the handle: Process.destroyForcibly would also close the stderr pipe unread.
                assertThat(restore.toHandle().destroyForcibly()).as("SIGKILL sent").isTrue();
                assertThat(restore.waitFor()).as("exit status of the killed restore").isEqualTo(KILLED_BY_SIGKILL);
                err.lines().forEach(stderr::add);
            } finally {
                // A failed assertion above must not leave the restore running to its end.
                restore.toHandle().destroyForcibly();
                restore.waitFor();
            }

            // The fds show how far the restore had come: clones wait as fds, a batch at a time.
            System.out.printf("RestoreKillTests %s: killed %d ms into populate-tree of %d mounts (at least %d fds, %d mounts), "
                    + "holding %d fds, %d mounts in a namespace and %d namespace(s)%n", engine, delayMillis, MOUNTS, minimumFds,
                    minimumMounts, fdsAtKill, mountsAtKill, restoredNamespaces.size());
            assertThat(restoredNamespaces).as("mount namespaces of the restore's threads at the kill").isNotEmpty();
            assertThat(stderr).as("stderr of the restore").noneMatch(line -> line.startsWith(MOUNTS_BUILT));
            assertThat(holdersOf(restoredNamespaces.keySet())).as("tasks and fds on the restore's namespaces after the kill")
                    .isEmpty();
        } finally {
            for (FileChannel ns : restoredNamespaces.values()) {
                ns.close();
            }
        }
        host.assertUnchanged("the kill", restore.pid());
        assertThat(Path.of("/tmp/hsperfdata_" + System.getProperty("user.name"), Long.toString(restore.pid())))
                .as("perf data file of the killed JVM").doesNotExist();
    }

    /** The most mounts any of {@code pid}'s threads outside the {@code host} namespace sees. */
    private static int mountsBuilt(long pid, String host) {
        int most = 0;
        for (Path task : listOrEmpty(Path.of("/proc", Long.toString(pid), "task"))) {
            String ns = linkOrNull(task.resolve("ns/mnt"));
            if (ns == null || ns.equals(host)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(task.resolve("mountinfo"))) {
                most = Math.max(most, (int) lines.count());
            } catch (IOException | UncheckedIOException e) {
                // the thread ended since it was listed
            }
        }
        return most;
    }

    private static int fdsOf(long pid) {
        return listOrEmpty(Path.of("/proc", Long.toString(pid), "fd")).size();
    }

    /**
     * Opens the mount namespace of each of {@code pid}'s threads other than {@code host}, by its
     * {@code mnt:[inode]} name. Namespace inode numbers are reused once a namespace is freed, and
     * other processes on this machine make namespaces all the time: holding one open keeps its
     * number ours, so a task found in it later is really in it.
     */
    private static void holdNamespacesOfThreads(long pid, String host, Map<String, FileChannel> held) throws IOException {
        for (Path task : listOrEmpty(Path.of("/proc", Long.toString(pid), "task"))) {
            Path file = task.resolve("ns/mnt");
            String before = linkOrNull(file);
            if (before == null || before.equals(host) || held.containsKey(before)) {
                continue;
            }
            FileChannel ns;
            try {
                ns = FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                continue; // the thread ended since it was listed
            }
            // The restore's threads change namespace only once, when they start: the same name on
            // both sides of the open means the open one is the named one.
            if (before.equals(linkOrNull(file))) {
                held.put(before, ns);
            } else {
                ns.close();
            }
        }
    }

    /**
     * Every task on the machine in one of {@code namespaces}, and every fd open on one but this
     * JVM's: the only things besides a mount of nsfs (which the host's table would show) that keep
     * a mount namespace alive.
     */
    private static List<String> holdersOf(Set<String> namespaces) throws IOException {
        List<String> holders = new ArrayList<>();
        List<Path> processes;
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            processes = proc.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList();
        }
        Path self = Path.of("/proc", Long.toString(ProcessHandle.current().pid()));
        for (Path process : processes) {
            if (process.equals(self)) {
                continue;
            }
            for (Path task : listOrEmpty(process.resolve("task"))) {
                String ns = linkOrNull(task.resolve("ns/mnt"));
                if (ns != null && namespaces.contains(ns)) {
                    holders.add("task " + task + " in " + ns);
                }
            }
            for (Path fd : listOrEmpty(process.resolve("fd"))) {
                String target = linkOrNull(fd);
                if (target != null && namespaces.contains(target)) {
                    holders.add("fd " + fd + " on " + target);
                }
            }
        }
        return holders;
    }

    /** Processes and fds come and go while the machine is scanned; a vanished one holds nothing. */
    private static List<Path> listOrEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String linkOrNull(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return null;
        }
    }
}
