package dev.mountflow.compare;

/** What differs between an expected and an actual image, and how a {@link Difference} reads. */
public enum DifferenceKind {
    /** The images hold different numbers of namespaces: {@code namespace count expected 2, got 1}. */
    NAMESPACE_COUNT("namespace count", Form.PLAIN),
    /** An expected mount, with everything below it, is absent: {@code missing (expected tmpfs 'data')}. */
    MISSING("missing", Form.MISSING),
    /** An actual mount, with everything below it, was not expected: {@code unexpected mount (proc 'proc')}. */
    UNEXPECTED("unexpected mount", Form.UNEXPECTED),
    ROOT("root", Form.QUOTED),
    FSTYPE("fstype", Form.QUOTED),
    SOURCE("source", Form.QUOTED),
    /** Per-mount flags, rendered as mountinfo's option words: {@code 'ro,nosuid'}. */
    MOUNT_FLAGS("mount flags", Form.QUOTED),
    /** Superblock flags, rendered as option words: {@code 'ro,sync'}. */
    SUPERBLOCK_FLAGS("superblock flags", Form.QUOTED),
    SUPERBLOCK_OPTIONS("superblock options", Form.QUOTED),
    UNBINDABLE("unbindable", Form.PLAIN),
    DELETED("deleted", Form.PLAIN),
    /** The mount shares a superblock with a different earlier mount, or with none. */
    SUPERBLOCK("superblock", Form.RELATION),
    /** The mount is a peer of a different earlier mount, of none, or not shared. */
    PEER_GROUP("peer group", Form.RELATION),
    /** The mount is a slave of a different peer group, or not a slave. */
    MASTER("master", Form.RELATION);

    private enum Form { PLAIN, QUOTED, RELATION, MISSING, UNEXPECTED }

    private final String noun;
    private final Form form;

    DifferenceKind(String noun, Form form) {
        this.noun = noun;
        this.form = form;
    }

    /** The part of a difference's line after its location. */
    String detail(String expected, String actual) {
        return switch (form) {
            case PLAIN -> noun + " expected " + expected + ", got " + actual;
            case QUOTED -> noun + " expected '" + expected + "', got '" + actual + "'";
            case RELATION -> noun + " differs: expected " + expected + ", got " + actual;
            case MISSING -> "missing (expected " + expected + ")";
            case UNEXPECTED -> "unexpected mount (" + actual + ")";
        };
    }
}
