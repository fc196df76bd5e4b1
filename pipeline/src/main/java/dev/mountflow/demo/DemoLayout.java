package dev.mountflow.demo;

import static dev.mountflow.model.MountFlags.MS_BIND;
import static dev.mountflow.model.MountFlags.MS_NODEV;
import static dev.mountflow.model.MountFlags.MS_NOEXEC;
import static dev.mountflow.model.MountFlags.MS_NOSUID;
import static dev.mountflow.model.MountFlags.MS_RDONLY;
import static dev.mountflow.model.MountFlags.MS_REMOUNT;
import static dev.mountflow.model.MountFlags.MS_SHARED;
import static dev.mountflow.model.MountFlags.MS_SLAVE;

import dev.mountflow.kernel.NamespaceThread;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.UmountFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bundled example: a container-like mount namespace built for real in a throwaway private
 * namespace, and a nested namespace inside it.
 *
 * <p>The outer namespace looks like a container after its runtime finished: a root that is a bind
 * of a rootfs directory, pivoted into; {@code /proc}; tmpfs {@code /run} and {@code /tmp}; a
 * read-only bind of configuration; a shared tmpfs {@code /shared} with a peer {@code /peer} (a
 * bind of a subdirectory) and a slave {@code /slave}. The nested namespace is a copy of it in
 * which the shared mounts stay peers of the outer ones, plus a tmpfs of its own; a mount it makes
 * under {@code /shared} propagates back to the outer {@code /shared}, {@code /peer} and
 * {@code /slave}. Everything lives in namespaces held only by the two threads, so closing the
 * layout (or the process dying) removes it all; the host never sees a mount.
 */
public final class DemoLayout implements AutoCloseable {
    private final NamespaceThread outer;
    private final NamespaceThread inner;

    private DemoLayout(NamespaceThread outer, NamespaceThread inner) {
        this.outer = outer;
        this.inner = inner;
    }

    public static DemoLayout build(Kernel kernel) throws IOException {
        NamespaceThread outer = NamespaceThread.newPrivate(kernel);
        NamespaceThread inner = null;
        try {
            outer.run(() -> buildContainer(kernel));
            inner = NamespaceThread.nestedSharing(outer);
            inner.run(() -> buildNested(kernel));
            return new DemoLayout(outer, inner);
        } catch (IOException | RuntimeException e) {
            if (inner != null) {
                inner.close();
            }
            outer.close();
            throw e;
        }
    }

    /** The thread ids whose {@code /proc/<tid>} show the two namespaces, the outer one first. */
    public List<Long> threadIds() {
        return List.of((long) outer.tid(), (long) inner.tid());
    }

    @Override
    public void close() {
        inner.close();
        outer.close();
    }

    private static void buildContainer(Kernel k) throws IOException {
        // A tmpfs over /mnt inside the private namespace holds everything, so no directory is
        // ever created on the host's filesystem.
        mount(k, "demo-store", "/mnt", "tmpfs", 0, "size=16m,mode=755");
        Path rootfs = Path.of("/mnt/store/rootfs");
        for (String dir : List.of("proc", "run", "tmp", "etc/app", "shared", "peer", "slave", ".old-root")) {
            Files.createDirectories(rootfs.resolve(dir));
        }
        Files.createDirectories(Path.of("/mnt/store/config"));
        Files.writeString(Path.of("/mnt/store/config/app.conf"), "greeting = hello from the demo\n");

        mount(k, "/mnt/store/rootfs", "/mnt/store/rootfs", null, MS_BIND, null);
        mount(k, "proc", "/mnt/store/rootfs/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
        mount(k, "run", "/mnt/store/rootfs/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=755,size=8m");
        Files.createDirectories(Path.of("/mnt/store/rootfs/run/inner"));
        mount(k, "tmp", "/mnt/store/rootfs/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=8m");
        mount(k, "/mnt/store/config", "/mnt/store/rootfs/etc/app", null, MS_BIND, null);
        mount(k, null, "/mnt/store/rootfs/etc/app", null, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID, null);
        mount(k, "shared", "/mnt/store/rootfs/shared", "tmpfs", 0, "size=8m");
        Files.createDirectories(Path.of("/mnt/store/rootfs/shared/volume/from-nested"));
        mount(k, null, "/mnt/store/rootfs/shared", null, MS_SHARED, null);
        mount(k, "/mnt/store/rootfs/shared/volume", "/mnt/store/rootfs/peer", null, MS_BIND, null);
        mount(k, "/mnt/store/rootfs/shared", "/mnt/store/rootfs/slave", null, MS_BIND, null);
        mount(k, null, "/mnt/store/rootfs/slave", null, MS_SLAVE, null);

        k.pivotRoot(RawString.of("/mnt/store/rootfs"), RawString.of("/mnt/store/rootfs/.old-root"));
        k.umount2(RawString.of("/.old-root"), UmountFlags.MNT_DETACH);
        Files.delete(Path.of("/.old-root"));
    }

    private static void buildNested(Kernel k) {
        mount(k, "inner", "/run/inner", "tmpfs", MS_NOSUID | MS_NODEV, "size=1m");
        // Lands on the outer namespace's /shared/volume/from-nested, /peer/from-nested and
        // /slave/volume/from-nested too: propagation across namespaces, captured by the dump.
        mount(k, "from-nested", "/shared/volume/from-nested", "tmpfs", 0, "size=1m");
    }

    private static void mount(Kernel k, String source, String target, String fstype, long flags, String data) {
        k.mount(source == null ? null : RawString.of(source), RawString.of(target), fstype, flags,
                data == null ? null : RawString.of(data));
    }
}
