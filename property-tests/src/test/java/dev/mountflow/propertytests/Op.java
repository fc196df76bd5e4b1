package dev.mountflow.propertytests;

/**
 * One operation of a {@link Recipe}: what to do, and small indices that say where. The indices
 * are resolved, when the operation is applied, modulo what exists then (namespaces, visible
 * mounts, slots below a mount), so every operation means something in every state and any
 * sublist of a recipe is still a recipe. {@link RecipeBuild} applies it for real; which of the
 * parameters a kind uses is said on each {@link Kind}.
 *
 * @param kind what to do
 * @param ns the namespace, modulo the namespaces that exist
 * @param a first index (usually the mount acted on or bound from)
 * @param b second index (a slot below it, or a variant of the operation)
 * @param c third index (usually the mount a target lies on)
 * @param d fourth index (the slot of the target below that mount)
 */
public record Op(Kind kind, int ns, int a, int b, int c, int d) {

    /** Largest index a generated operation carries; indices are resolved modulo the state. */
    public static final int MAX_INDEX = 63;

    /** The operations, in the order shrinking prefers: toward {@link #SKIP}. */
    public enum Kind {
        /** Nothing; what shrinking turns an operation into to drop it from the middle of a recipe. */
        SKIP,
        /** {@code mount -t tmpfs} on target (c, d), options variant b. */
        TMPFS,
        /** A new filesystem of another type that holds no host content (ramfs or proc, variant b) on target (c, d). */
        FILESYSTEM,
        /** {@code mount --bind} of mount a's slot b onto target (c, d). */
        BIND,
        /** {@code mount --rbind} of mount a's slot b onto target (c, d). */
        RBIND,
        /** {@code mount --bind} of a file: mount a's file (variant b) onto file target (c, d). */
        FILE_BIND,
        /** {@code mount --move} of mount a onto target (c, d). */
        MOVE,
        /** {@code mount --make-shared|slave|private|unbindable} (variant b, maybe recursive) of mount a. */
        PROPAGATION,
        /** {@code mount -o remount,bind,…} of mount a: per-mount flags variant b. */
        REMOUNT,
        /** {@code mount -o remount,ro|rw} of mount a's superblock, variant b. */
        SUPERBLOCK_REMOUNT,
        /** {@code rmdir}/{@code rm} of the source of bind mount a (its root, found through another mount). */
        DELETE_SOURCE,
        /** {@code umount} of mount a, lazily with variant b. */
        UMOUNT,
        /** A nested namespace made by {@code unshare -m} from namespace ns; propagation kept unless variant b says private. */
        UNSHARE,
        /** {@code pivot_root} of namespace ns into mount a, the old root detached. */
        PIVOT
    }

    public Op {
        if (kind == null) {
            throw new IllegalArgumentException("an operation needs a kind");
        }
    }

    /** Shorthand for regression tests: {@code op(BIND, 0, 1, 2, 3, 0)}. */
    public static Op op(Kind kind, int ns, int a, int b, int c, int d) {
        return new Op(kind, ns, a, b, c, d);
    }

    /** The Java expression that recreates this operation, for pasting a shrunk recipe into a test. */
    @Override
    public String toString() {
        return "op(" + kind + ", " + ns + ", " + a + ", " + b + ", " + c + ", " + d + ")";
    }
}
