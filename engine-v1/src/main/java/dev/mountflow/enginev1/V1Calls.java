package dev.mountflow.enginev1;

import dev.mountflow.build.ConfinedPaths;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.Kernel;

/**
 * The mount(2) idioms of v1, each acting on mounts and places reached by fd: in the work namespace
 * through {@code /proc/thread-self/fd/N} (the magic link lands on exactly the fd's mount and
 * directory, even when something is mounted over it), and in a namespace that has pivoted, where
 * no {@code /proc} is left, on {@code "."} after fchdir to the fd.
 */
final class V1Calls {
    private static final String FD_LINKS = "/proc/thread-self/fd/";
    private static final RawString HERE = RawString.of(".");

    private final ConfinedPaths paths;
    private final Kernel kernel;

    V1Calls(Kernel kernel) {
        paths = new ConfinedPaths(kernel);
        this.kernel = paths.kernel();
    }

    Kernel kernel() {
        return kernel;
    }

    ConfinedPaths paths() {
        return paths;
    }

    /** {@code /proc/thread-self/fd/<fd>}. */
    static RawString link(int fd) {
        return RawString.of(FD_LINKS + fd);
    }

    /** A non-recursive bind of what {@code fromFd} is onto what {@code targetFd} is (on top of any mount there). */
    void bind(int fromFd, int targetFd) {
        kernel.mount(link(fromFd), link(targetFd), null, MountFlags.MS_BIND, null);
    }

    /** Changes the propagation of the mount {@code mountFd} is the root of ({@code MS_SHARED}, {@code MS_REC|MS_PRIVATE}…). */
    void propagation(int mountFd, int type) {
        kernel.mount(null, link(mountFd), null, type, null);
    }

    /** Sets the per-mount flags of the mount {@code mountFd} is the root of to exactly {@code msFlags}. */
    void perMountFlags(int mountFd, int msFlags) {
        kernel.mount(null, link(mountFd), null, MountFlags.MS_REMOUNT | MountFlags.MS_BIND | msFlags, null);
    }

    /** Remounts the superblock of {@code mountFd}'s mount read-only, keeping its other options. */
    void superblockReadOnly(int mountFd) {
        kernel.mount(null, link(mountFd), null, MountFlags.MS_REMOUNT | MountFlags.MS_RDONLY, null);
    }

    /**
     * In a namespace that has pivoted (no {@code /proc}): mount(2) with {@code flags} on the mount
     * {@code mountFd} is the root of, through the cwd; the cwd is left there.
     */
    void onMount(int mountFd, int flags) {
        kernel.fchdir(mountFd);
        kernel.mount(null, HERE, null, flags, null);
    }
}
