package dev.mountflow.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that changed the host: read from the test JVM's main thread (never moved into
 * a namespace), the host mount table must be line-for-line what it was; and no thread of the JVM
 * may still be in another mount namespace (a leftover thread keeps its namespace and mounts
 * alive), be it a namespace worker or a pool thread a task happened to start.
 */
public final class HostStateGuard implements BeforeAllCallback, AfterAllCallback {
    private static final Path HOST_MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(HostStateGuard.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        context.getStore(STORE).put("mountinfo", Files.readAllLines(HOST_MOUNTINFO));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        @SuppressWarnings("unchecked")
        List<String> before = (List<String>) context.getStore(STORE).get("mountinfo", List.class);
        assertThat(Files.readAllLines(HOST_MOUNTINFO)).as("host mount table after %s", context.getDisplayName())
                .containsExactlyElementsOf(before);
        assertThat(Thread.getAllStackTraces().keySet()).as("namespace threads left running")
                .filteredOn(t -> t.getName().startsWith("mntns-worker-") && t.isAlive())
                .isEmpty();
        assertThat(tasksOutsideTheHostNamespace()).as("threads in another mount namespace").isEmpty();
    }

    private static List<String> tasksOutsideTheHostNamespace() throws IOException {
        Path host = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> !host.equals(namespaceOf(t)))
                    .map(t -> t.getFileName() + " in " + namespaceOf(t))
                    .toList();
        }
    }

    /** The task's mount namespace, or null if it exited meanwhile. */
    private static Path namespaceOf(Path task) {
        try {
            return Files.readSymbolicLink(task.resolve("ns/mnt"));
        } catch (IOException e) {
            return null;
        }
    }
}
