package dev.mountflow.build;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.OpenTreeFlags;
import dev.mountflow.spi.ResolveFlags;
import java.util.List;

/**
 * Checks host-backed content ({@code --root}, {@code --external}) before anything is mounted:
 * every mount root and every mountpoint it must hold exists, and none is reached through a
 * symlink or across a mount. It looks through what the engine will take the mounts from, opened
 * by the engine's {@link Opener}: for v2 a non-recursive clone of the host path (so the host's own
 * submounts neither hide nor fake a path; the clone is detached, visible in no namespace, and gone
 * when its fd is closed), for v1 the host path itself, which it binds from.
 */
public final class HostContentCheck {
    /** Opens the host directory of a source as the engine will read it; returns the fd. */
    @FunctionalInterface
    public interface Opener {
        int open(Kernel kernel, RawString hostPath);
    }

    /** A non-recursive detached clone of the host path, not following a final symlink. */
    public static final Opener CLONE = (kernel, host) -> kernel.openTree(AtFlags.AT_FDCWD, host,
            OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC | AtFlags.AT_SYMLINK_NOFOLLOW);
    /** An O_PATH fd on the host path itself, not following a final symlink. */
    public static final Opener PATH = (kernel, host) -> kernel.open(host,
            OpenFlags.O_PATH | OpenFlags.O_CLOEXEC | OpenFlags.O_NOFOLLOW);

    private final Kernel kernel;
    private final BuildPlan plan;
    private final boolean createMountpoints;
    private final List<String> problems;
    private final Opener opener;

    public HostContentCheck(Kernel kernel, BuildPlan plan, boolean createMountpoints, List<String> problems,
                            Opener opener) {
        this.kernel = kernel;
        this.plan = plan;
        this.createMountpoints = createMountpoints;
        this.problems = problems;
        this.opener = opener;
    }

    public void check(ContentSource source) {
        RawString host = RawString.of(source.hostPath().toString());
        int clone;
        try {
            clone = opener.open(kernel, host);
        } catch (NativeCallException e) {
            problems.add(source.describe() + ": cannot open: " + e.getMessage());
            return;
        }
        try {
            for (Mount m : source.members()) {
                if (!m.deleted()) {
                    expect(clone, source, source.relative(m.root()), plan.label(m) + ": its root", false);
                }
                for (Mount child : plan.children(m)) {
                    expect(clone, source, plan.mountpointInSource(m, child),
                            plan.label(child) + ": its mountpoint", createMountpoints);
                }
            }
        } finally {
            kernel.close(clone);
        }
    }

    private void expect(int clone, ContentSource source, RawString rel, String what, boolean mayBeMissing) {
        if (rel.isEmpty()) {
            return;
        }
        try {
            kernel.close(kernel.openat2(clone, rel, OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0, ResolveFlags.CONFINED));
        } catch (NativeCallException e) {
            String where = what + " '" + source.hostPath() + "/" + rel + "'";
            if (e.is(Errno.ENOENT)) {
                if (!mayBeMissing) {
                    problems.add(where + " is missing from " + source.describe()
                            + (what.endsWith("mountpoint") ? " (--create-mountpoints would create it)" : ""));
                }
            } else if (e.is(Errno.ELOOP)) {
                problems.add(where + " goes through a symlink, which a restore never follows");
            } else {
                problems.add(where + ": " + e.getMessage());
            }
        }
    }
}
