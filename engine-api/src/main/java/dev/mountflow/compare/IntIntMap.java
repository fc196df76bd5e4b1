package dev.mountflow.compare;

/**
 * A map from int to int, open addressing with linear probing: mount ids, group numbers and
 * canonical names looked up per mount without boxing either side. Grows as needed; nothing is
 * ever removed.
 */
final class IntIntMap {
    private int[] keys;
    private int[] values;
    private boolean[] used;
    private int size;

    IntIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) * 2;
        keys = new int[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or {@code absent} when it has none. */
    int get(int key, int absent) {
        int slot = find(key);
        return used[slot] ? values[slot] : absent;
    }

    /** Gives {@code key} the value {@code value}, unless it has one already; returns whether it was added. */
    boolean putIfAbsent(int key, int value) {
        int slot = find(key);
        if (used[slot]) {
            return false;
        }
        used[slot] = true;
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return true;
    }

    /** The value of {@code key}, giving it {@code size() + 1} first if it has none: names in order of first appearance. */
    int nameOnce(int key) {
        int slot = find(key);
        if (!used[slot]) {
            putIfAbsent(key, size + 1);
            return size;
        }
        return values[slot];
    }

    /** The slot holding {@code key}, or the free slot where it would go. */
    private int find(int key) {
        int mask = keys.length - 1;
        int mix = key * 0x9E3779B9;
        int slot = (mix ^ mix >>> 16) & mask;
        while (used[slot] && keys[slot] != key) {
            slot = slot + 1 & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }
}
