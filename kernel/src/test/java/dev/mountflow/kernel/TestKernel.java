package dev.mountflow.kernel;

import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The one libc binding the kernel tests share, and the mount tables they read back. */
final class TestKernel {
    static final JnrKernel KERNEL = JnrKernel.load();
    static final Path HOST_MOUNTINFO = Path.of("/proc/self/mountinfo");
    /** Where {@link #scratchNamespace} puts its tmpfs; hidden from the host by the namespace. */
    static final RawString SCRATCH = RawString.of("/mnt");

    private TestKernel() {
    }

    static RawString raw(String s) {
        return RawString.of(s);
    }

    /** The mount table of the namespace {@code ns} is in, read from the calling thread. */
    static List<MountInfoEntry> table(NamespaceThread ns) {
        return FeatureProbe.readMountTable(ns.mountInfoPath());
    }

    static List<MountInfoEntry> hostTable() {
        return FeatureProbe.readMountTable(HOST_MOUNTINFO);
    }

    /** The mount on top at {@code mountpoint}, found by parent ids as {@link FeatureProbe#topMountAt} does. */
    static Optional<MountInfoEntry> topMountAt(List<MountInfoEntry> table, String mountpoint) {
        return topMountAt(table, raw(mountpoint));
    }

    static Optional<MountInfoEntry> topMountAt(List<MountInfoEntry> table, RawString mountpoint) {
        return FeatureProbe.topMountAt(table, mountpoint);
    }

    static Optional<Integer> peerGroupAt(List<MountInfoEntry> table, String mountpoint) {
        return FeatureProbe.peerGroupAt(table, raw(mountpoint));
    }

    /** The real kernel, except that calls matching {@code refuse} fail with {@code errno}. */
    static ForwardingKernel refusing(Predicate<NativeCall> refuse, Errno errno) {
        return new ForwardingKernel(KERNEL) {
            @Override
            protected void beforeCall(NativeCall call) {
                if (refuse.test(call)) {
                    throw call.failed(errno.number());
                }
            }
        };
    }

    /**
     * A private namespace with a scratch tmpfs on {@code /mnt}, so tests make directories on a
     * filesystem only they can see.
     */
    static NamespaceThread scratchNamespace(Kernel kernel) {
        NamespaceThread ns = NamespaceThread.newPrivate(kernel);
        try {
            ns.run(() -> kernel.mount(raw("scratch"), SCRATCH, "tmpfs", 0, raw("size=1m,mode=0700")));
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    static RawString scratch(String rel) {
        return SCRATCH.resolve(RawString.of(rel));
    }
}
