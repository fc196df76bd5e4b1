package dev.mountflow.bench;

import java.time.Duration;

/**
 * One run of {@code mountfloor}, from its JSON line.
 *
 * @param layout the layout it built
 * @param api the calls it built it with
 * @param mounts the mount count asked for
 * @param namespace unshare(CLONE_NEWNS) and making the copy private
 * @param mountWork mounting the layout and pivoting into it
 * @param mountsInNamespace the lines of the namespace's mountinfo afterwards; equals
 *     {@code mounts} when the floor built what was asked
 */
public record FloorResult(Layout layout, FloorApi api, int mounts, Duration namespace, Duration mountWork, int mountsInNamespace) {
    /** What the floor's restore took: namespace and mount work, as a restore's stages cover both. */
    public Duration total() {
        return namespace.plus(mountWork);
    }
}
