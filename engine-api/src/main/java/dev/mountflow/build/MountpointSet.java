package dev.mountflow.build;

import dev.mountflow.model.RawString;

/**
 * A set of mountpoint paths that answers whether it holds a path or one of its ancestors without
 * making the ancestors: each prefix's hash is carried along one pass over the path's bytes
 * ({@link RawString#hashCode} is {@code Arrays.hashCode} of the bytes, which extends byte by
 * byte), so a path of depth d costs one pass and d probes instead of d substrings, each hashed
 * again from its start (quadratic in the depth; the {@code nested} bench layout is 33 deep).
 * Open addressing on arrays: no boxed keys.
 */
final class MountpointSet {
    private int[] hashes = new int[64];
    private RawString[] paths = new RawString[64];
    private int size;
    private boolean holdsRoot;

    void add(RawString path) {
        if (path.equals(RawString.SLASH)) {
            holdsRoot = true;
        }
        int h = path.hashCode();
        if (find(path, path.length(), h)) {
            return;
        }
        if ((size + 1) * 2 > paths.length) {
            grow();
        }
        insert(path, h);
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Whether the set holds {@code path}, {@code /}, or the path up to any of its slashes past the
     * first (its ancestor directories).
     */
    boolean holdsPathOrAncestor(RawString path) {
        if (holdsRoot) {
            return true;
        }
        int h = 1;
        for (int i = 0; i < path.length(); i++) {
            byte b = path.byteAt(i);
            if (b == '/' && i > 0 && find(path, i, h)) {
                return true;
            }
            h = 31 * h + b;
        }
        return find(path, path.length(), h);
    }

    /** Whether the first {@code len} bytes of {@code path}, whose hash is {@code h}, are in the set. */
    private boolean find(RawString path, int len, int h) {
        int mask = paths.length - 1;
        for (int slot = mix(h) & mask; paths[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == h && paths[slot].length() == len && sameBytes(paths[slot], path, len)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameBytes(RawString a, RawString b, int len) {
        for (int i = 0; i < len; i++) {
            if (a.byteAt(i) != b.byteAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void insert(RawString path, int h) {
        int mask = paths.length - 1;
        int slot = mix(h) & mask;
        while (paths[slot] != null) {
            slot = (slot + 1) & mask;
        }
        paths[slot] = path;
        hashes[slot] = h;
    }

    private void grow() {
        RawString[] oldPaths = paths;
        int[] oldHashes = hashes;
        paths = new RawString[oldPaths.length * 2];
        hashes = new int[oldPaths.length * 2];
        for (int i = 0; i < oldPaths.length; i++) {
            if (oldPaths[i] != null) {
                insert(oldPaths[i], oldHashes[i]);
            }
        }
    }

    /** Spreads the hash's high bits down, as HashMap does, since the table is indexed by its low bits. */
    private static int mix(int h) {
        return h ^ (h >>> 16);
    }
}
