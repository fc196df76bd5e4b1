package dev.mountflow.restore.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.restore.testengine.HostState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a corpus run must leave as found on the host, read from the calling thread (which must be in
 * the host's mount namespace): the mount table, line for line, no new entry in {@code /tmp}, and no
 * thread of this JVM in another mount namespace (a leftover one keeps its namespace alive).
 */
public final class HostSnapshot {
    private final List<String> mounts;
    private final List<String> tmp;

    private HostSnapshot(List<String> mounts, List<String> tmp) {
        this.mounts = mounts;
        this.tmp = tmp;
    }

    public static HostSnapshot capture() throws IOException {
        return new HostSnapshot(Files.readAllLines(Path.of("/proc/self/mountinfo")), tmpEntries());
    }

    public void assertUnchanged() throws IOException {
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).as("host mount table")
                .containsExactlyElementsOf(mounts);
        assertThat(tmpEntries()).as("entries new in /tmp").isSubsetOf(tmp);
        assertThat(HostState.threadsInOtherNamespaces()).as("threads in another mount namespace").isEmpty();
    }

    private static List<String> tmpEntries() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
            // Build tools' scratch entries come and go with any concurrent build on the machine, and
            // JUnit's @TempDir directories are removed only after a test's @AfterEach methods.
            return s.map(Path::toString).filter(name -> !name.matches("/tmp/(surefire|junit|bash_tool|tmp\\.).*"))
                    .sorted().toList();
        }
    }
}
