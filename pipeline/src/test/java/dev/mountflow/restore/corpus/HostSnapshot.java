package dev.mountflow.restore.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.restore.testengine.HostState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a restore, failed or killed, must leave as found (DESIGN.md §7, rule 4), read from the test
 * JVM's main thread, which never leaves the host's namespace: the host's mount table line for line,
 * the names in {@code /tmp}, no thread of this JVM in another mount namespace, and no fd of this
 * JVM on a mount the host's table does not hold (an fd on a detached or restored mount keeps it
 * alive).
 */
public record HostSnapshot(List<String> mountinfo, Set<String> tmp) {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Path TMP = Path.of("/tmp");
    /**
     * Other builds and tools on this machine create and remove these in /tmp at any time: Maven's
     * and JUnit's scratch files, the shells' job directories, and JFR repositories, which the JDK
     * names {@code <date>_<pid>} (other sessions' benchmark JVMs record with JFR).
     */
    private static final Pattern FOREIGN_TMP = Pattern.compile("surefire.*|junit.*|bash_tool.*|bash_jobs.*|tmp\\..*"
            + "|[0-9]{4}(_[0-9]{2}){5}_(?<pid>[0-9]+)");

    public static HostSnapshot capture() throws IOException {
        return new HostSnapshot(Files.readAllLines(MOUNTINFO), tmpEntries());
    }

    /** Asserts the host is as captured, after the test's own work. */
    public void assertUnchanged() throws IOException {
        assertUnchanged("the test", ProcessHandle.current().pid());
    }

    /**
     * Asserts the host is as captured.
     *
     * @param own the processes whose JFR repositories would count as new entries (this JVM, a
     *     child JVM)
     */
    public void assertUnchanged(String after, long... own) throws IOException {
        assertThat(Files.readAllLines(MOUNTINFO)).as("host mount table after %s", after).containsExactlyElementsOf(mountinfo);
        assertThat(newTmpEntries(own)).as("entries new in /tmp after %s", after).isEmpty();
        assertThat(HostState.threadsInOtherNamespaces()).as("threads in another mount namespace after %s", after).isEmpty();
        assertThat(fdsOffTheHostTable()).as("fds on mounts outside the host's table after %s", after).isEmpty();
    }

    private List<String> newTmpEntries(long... own) throws IOException {
        List<String> fresh = new ArrayList<>();
        for (String name : tmpEntries()) {
            if (!tmp.contains(name) && (!isForeign(name) || isJfrOf(name, own))) {
                fresh.add(name);
            }
        }
        return fresh;
    }

    private static boolean isForeign(String name) {
        return FOREIGN_TMP.matcher(name).matches();
    }

    private static boolean isJfrOf(String name, long... pids) {
        Matcher m = FOREIGN_TMP.matcher(name);
        if (!m.matches() || m.group("pid") == null) {
            return false;
        }
        for (long pid : pids) {
            if (Long.toString(pid).equals(m.group("pid"))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> tmpEntries() throws IOException {
        try (Stream<Path> s = Files.list(TMP)) {
            return new HashSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /**
     * This JVM's fds on files whose mount ({@code mnt_id} in fdinfo) is not in the host's table, and
     * its fds on mount namespaces other than its own. Pipes, sockets and anonymous inodes live on
     * internal mounts no table shows, so only fds on paths are checked by mount.
     */
    public static List<String> fdsOffTheHostTable() throws IOException {
        Set<String> hostMountIds = new HashSet<>();
        for (String line : Files.readAllLines(MOUNTINFO)) {
            hostMountIds.add(line.substring(0, line.indexOf(' ')));
        }
        String hostNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        List<String> off = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                String mountId;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                    mountId = fdinfoMountId(fd.getFileName().toString());
                } catch (IOException | UncheckedIOException e) {
                    continue; // closed since listed, e.g. the listing's own directory fd
                }
                boolean onPath = target.startsWith("/");
                if ((onPath && !hostMountIds.contains(mountId)) || (target.startsWith("mnt:[") && !target.equals(hostNamespace))) {
                    off.add("fd " + fd.getFileName() + " -> " + target + " (mnt_id " + mountId + ")");
                }
            }
        }
        return off;
    }

    private static String fdinfoMountId(String fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd))) {
            if (line.startsWith("mnt_id:")) {
                return line.substring("mnt_id:".length()).strip();
            }
        }
        return "?";
    }
}
