package dev.mountflow.bench;

import dev.mountflow.restore.corpus.HostSnapshot;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that changed the host, by the project's one {@link HostSnapshot}: the mount
 * table read from the JVM's main thread (never moved into a namespace) line for line, nothing new
 * in {@code /tmp}, no thread left in another namespace, no fd left on a mount off the host's table.
 */
public final class HostMountTableGuard implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(HostMountTableGuard.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getStore(STORE).put("host", HostSnapshot.capture());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        context.getStore(STORE).get("host", HostSnapshot.class)
                .assertUnchanged(context.getDisplayName(), ProcessHandle.current().pid());
    }
}
