package dev.mountflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that changed the host: the mount table read from the JVM's main thread
 * (never moved into a namespace) must be line for line what it was, and no namespace thread may
 * be left running, since it would keep its namespace and mounts alive.
 */
public final class HostMountTableGuard implements BeforeAllCallback, AfterAllCallback {
    private static final Path HOST_MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(HostMountTableGuard.class);

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
    }
}
