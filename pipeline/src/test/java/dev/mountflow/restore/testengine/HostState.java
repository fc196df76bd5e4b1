package dev.mountflow.restore.testengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The host's state a restore must leave as found, read from the test JVM's main thread (which never
 * leaves the host's namespace): its mount table, line for line, and no thread of the JVM in another
 * mount namespace (a leftover thread keeps its namespace and mounts alive).
 */
public final class HostState {
    private static final Path HOST_MOUNTINFO = Path.of("/proc/self/mountinfo");
    private final List<String> mountinfo;

    private HostState(List<String> mountinfo) {
        this.mountinfo = mountinfo;
    }

    public static HostState capture() throws IOException {
        return new HostState(Files.readAllLines(HOST_MOUNTINFO));
    }

    public void assertUnchanged() throws IOException {
        assertThat(Files.readAllLines(HOST_MOUNTINFO)).as("host mount table").containsExactlyElementsOf(mountinfo);
        assertThat(threadsInOtherNamespaces()).as("threads in another mount namespace").isEmpty();
    }

    public static List<String> threadsInOtherNamespaces() throws IOException {
        Path host = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> namespaceOf(t) != null && !host.equals(namespaceOf(t)))
                    .map(t -> t.getFileName() + " " + threadName(t) + " in " + namespaceOf(t))
                    .toList();
        }
    }

    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static Path namespaceOf(Path task) {
        try {
            return Files.readSymbolicLink(task.resolve("ns/mnt"));
        } catch (IOException e) {
            return null;
        }
    }
}
