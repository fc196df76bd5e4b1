package dev.mountflow.propertytests;

import dev.mountflow.kernel.NamespaceThread;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs, once per JVM and on a namespace thread that has not pivoted, every path of
 * {@link LiveCalls} a recipe can take, failures included, and starts nested namespace threads
 * both ways. The JVM loads a class on the thread that first needs it, by path from that thread's
 * root; after a recipe's thread pivoted into its tmpfs the test classpath is not there (seen as
 * NoClassDefFoundError), so whatever those paths load must be loaded before.
 */
final class KernelPreload {
    private static final RawString DIR = RawString.of("/mnt");
    private static boolean done;

    private KernelPreload() {
    }

    static synchronized void warmUp(Kernel k) {
        if (done) {
            return;
        }
        try (NamespaceThread thread = NamespaceThread.newPrivate(k)) {
            thread.run(() -> {
                k.mount(RawString.of("warm-up"), DIR, "tmpfs", 0, null);
                List<RawString> created = new ArrayList<>();
                RawString deep = DIR.resolve(RawString.of("a/b"));
                LiveCalls.ensureDirectories(k, DIR, deep, created);
                LiveCalls.ensureDirectories(k, DIR, deep, created);
                RawString file = DIR.resolve(RawString.of("f"));
                LiveCalls.ensureFile(k, file, created);
                LiveCalls.ensureFile(k, file, created);
                LiveCalls.mountAndIdentify(k, deep, deep, null, MountFlags.MS_BIND, null, new ArrayList<>(), false);
                LiveCalls.mountIdAt(k, deep);
                try {
                    LiveCalls.mountAndIdentify(k, deep, DIR.resolve(RawString.of("missing")), null, MountFlags.MS_BIND,
                            null, new ArrayList<>(), false);
                } catch (NativeCallException e) {
                    e.errnoName();
                }
                k.umount2(deep, 0);
                LiveCalls.undo(k, new ArrayList<>(List.of(file)), true);
                LiveCalls.undo(k, created.subList(0, 2), false);
            });
            NamespaceThread.nested(thread).close();
            NamespaceThread.nestedSharing(thread).close();
            thread.run(() -> {
                LiveCalls.pivotInto(k, DIR);
                try {
                    LiveCalls.pivotInto(k, RawString.of("/missing"));
                } catch (NativeCallException e) {
                    e.errnoName();
                }
            });
        }
        done = true;
    }
}
