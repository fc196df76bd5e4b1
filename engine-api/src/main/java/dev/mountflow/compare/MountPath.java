package dev.mountflow.compare;

import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Names one mount of a namespace for a reader: its mountpoint, or for stacked mounts the chain of
 * mountpoints that tells them apart.
 *
 * <p>A mount stacked on another one at the same mountpoint is the kernel's child of the lower one;
 * its segment carries a level, the count of mounts on that mountpoint from the bottom of the stack
 * up to it: {@code '/mnt'#2} is the second mount on {@code /mnt}. Mounts on a stacked mount keep its
 * path as their prefix, {@code '/mnt'#2 > '/mnt/a'}, because {@code '/mnt/a'} alone names the one on
 * the lowest {@code /mnt}. Everywhere else the path is the mountpoint alone, {@code '/mnt/a'}.
 *
 * <p>Prefixes are shared, not copied, so a 100,000-deep stack costs one object per mount.
 */
public final class MountPath {
    private final MountPath prefix;
    private final RawString mountpoint;
    private final int level;

    /** One mountpoint of a path, and which mount on it counting from the bottom (1 for the lowest). */
    public record Segment(RawString mountpoint, int level) {
        public Segment {
            Objects.requireNonNull(mountpoint, "mountpoint");
        }

        @Override
        public String toString() {
            return "'" + mountpoint + "'" + (level > 1 ? "#" + level : "");
        }
    }

    private MountPath(MountPath prefix, RawString mountpoint, int level) {
        this.prefix = prefix;
        this.mountpoint = Objects.requireNonNull(mountpoint, "mountpoint");
        this.level = level;
    }

    /** The path of a mount that is not on a stacked mount, nor stacked itself. */
    public static MountPath of(RawString mountpoint) {
        return new MountPath(null, mountpoint, 1);
    }

    public static MountPath of(String mountpoint) {
        return of(RawString.of(mountpoint));
    }

    /** The path of a mount whose parent mount is at this path. */
    public MountPath child(RawString childMountpoint) {
        if (childMountpoint.equals(mountpoint)) {
            return new MountPath(prefix, childMountpoint, level + 1);
        }
        return isChain() ? new MountPath(this, childMountpoint, 1) : of(childMountpoint);
    }

    /** The mount's own mountpoint. */
    public RawString mountpoint() {
        return mountpoint;
    }

    /** The mount's level in the stack on {@link #mountpoint()}, 1 when nothing is below it there. */
    public int level() {
        return level;
    }

    /** Whether the path needs more than the mountpoint: the mount is stacked or on a stacked mount. */
    public boolean isChain() {
        return prefix != null || level > 1;
    }

    /** The segments from the outermost stack to the mount itself. */
    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        for (MountPath p = this; p != null; p = p.prefix) {
            out.add(new Segment(p.mountpoint, p.level));
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MountPath)) {
            return false;
        }
        MountPath a = this;
        MountPath b = (MountPath) o;
        while (a != null && b != null) {
            if (a == b) {
                return true;
            }
            if (a.level != b.level || !a.mountpoint.equals(b.mountpoint)) {
                return false;
            }
            a = a.prefix;
            b = b.prefix;
        }
        return a == b;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (MountPath p = this; p != null; p = p.prefix) {
            h = 31 * (31 * h + p.mountpoint.hashCode()) + p.level;
        }
        return h;
    }

    /** {@code '/mnt/a'}, {@code '/mnt'#2}, {@code '/mnt'#2 > '/mnt/a'}. */
    @Override
    public String toString() {
        return segments().stream().map(Segment::toString).collect(Collectors.joining(" > "));
    }
}
