package dev.mountflow.model;

/**
 * The {@code MS_*} bits of mount(2) and the option words mountinfo uses for them.
 *
 * <p>mountinfo splits a mount's options in two: per-mount options (field 6, e.g.
 * {@code rw,nosuid,relatime}) and superblock options (the last field, e.g. {@code rw,size=64k}).
 * CRIU's image keeps the per-mount ones as {@code flags}, the superblock ones it understands as
 * {@code sb_flags} and the rest verbatim as {@code options}; this class does those conversions.
 */
public final class MountFlags {
    public static final int MS_RDONLY = 1;
    public static final int MS_NOSUID = 1 << 1;
    public static final int MS_NODEV = 1 << 2;
    public static final int MS_NOEXEC = 1 << 3;
    public static final int MS_SYNCHRONOUS = 1 << 4;
    public static final int MS_REMOUNT = 1 << 5;
    public static final int MS_MANDLOCK = 1 << 6;
    public static final int MS_DIRSYNC = 1 << 7;
    public static final int MS_NOSYMFOLLOW = 1 << 8;
    public static final int MS_NOATIME = 1 << 10;
    public static final int MS_NODIRATIME = 1 << 11;
    public static final int MS_BIND = 1 << 12;
    public static final int MS_MOVE = 1 << 13;
    public static final int MS_REC = 1 << 14;
    public static final int MS_SILENT = 1 << 15;
    public static final int MS_POSIXACL = 1 << 16;
    public static final int MS_UNBINDABLE = 1 << 17;
    public static final int MS_PRIVATE = 1 << 18;
    public static final int MS_SLAVE = 1 << 19;
    public static final int MS_SHARED = 1 << 20;
    public static final int MS_RELATIME = 1 << 21;
    public static final int MS_KERNMOUNT = 1 << 22;
    public static final int MS_I_VERSION = 1 << 23;
    public static final int MS_STRICTATIME = 1 << 24;
    public static final int MS_LAZYTIME = 1 << 25;

    /** Every bit a per-mount option in mountinfo can stand for. */
    public static final int PER_MOUNT_MASK = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
            | MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_NOSYMFOLLOW;
    /** Every bit a superblock option word can stand for. */
    public static final int SUPERBLOCK_MASK = MS_RDONLY | MS_SYNCHRONOUS | MS_DIRSYNC
            | MS_MANDLOCK | MS_LAZYTIME;

    public static final FlagTable TABLE = FlagTable.builder()
            .add("MS_RDONLY", MS_RDONLY).add("MS_NOSUID", MS_NOSUID).add("MS_NODEV", MS_NODEV)
            .add("MS_NOEXEC", MS_NOEXEC).add("MS_SYNCHRONOUS", MS_SYNCHRONOUS)
            .add("MS_REMOUNT", MS_REMOUNT).add("MS_MANDLOCK", MS_MANDLOCK).add("MS_DIRSYNC", MS_DIRSYNC)
            .add("MS_NOSYMFOLLOW", MS_NOSYMFOLLOW).add("MS_NOATIME", MS_NOATIME)
            .add("MS_NODIRATIME", MS_NODIRATIME).add("MS_BIND", MS_BIND).add("MS_MOVE", MS_MOVE)
            .add("MS_REC", MS_REC).add("MS_SILENT", MS_SILENT).add("MS_POSIXACL", MS_POSIXACL)
            .add("MS_UNBINDABLE", MS_UNBINDABLE).add("MS_PRIVATE", MS_PRIVATE).add("MS_SLAVE", MS_SLAVE)
            .add("MS_SHARED", MS_SHARED).add("MS_RELATIME", MS_RELATIME).add("MS_KERNMOUNT", MS_KERNMOUNT)
            .add("MS_I_VERSION", MS_I_VERSION).add("MS_STRICTATIME", MS_STRICTATIME)
            .add("MS_LAZYTIME", MS_LAZYTIME)
            .build();

    // Option words in the order the kernel prints them (fs/proc_namespace.c show_mnt_opts).
    private static final String[] PER_MOUNT_WORDS = {"nosuid", "nodev", "noexec", "noatime", "nodiratime", "relatime", "nosymfollow"};
    private static final int[] PER_MOUNT_BITS = {MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_NOATIME, MS_NODIRATIME, MS_RELATIME, MS_NOSYMFOLLOW};
    private static final String[] SB_WORDS = {"sync", "dirsync", "mand", "lazytime"};
    private static final int[] SB_BITS = {MS_SYNCHRONOUS, MS_DIRSYNC, MS_MANDLOCK, MS_LAZYTIME};

    private static final RawString COMMA = RawString.of(",");

    private MountFlags() {
    }

    /** {@code MS_BIND|MS_REC} style; unknown bits in hex. */
    public static String describe(long bits) {
        return TABLE.describe(bits);
    }

    /**
     * Per-mount option words (mountinfo field 6) to {@code MS_*} bits.
     *
     * @throws IllegalArgumentException naming a word that is not a per-mount flag (e.g.
     *     {@code idmapped}), because such a mount cannot be described by flags alone
     */
    public static int parseMountOptions(String words) {
        int bits = 0;
        for (String word : words.split(",", -1)) {
            if (word.equals("rw")) {
                continue;
            }
            if (word.equals("ro")) {
                bits |= MS_RDONLY;
                continue;
            }
            int i = indexOf(PER_MOUNT_WORDS, word);
            if (i < 0) {
                throw new IllegalArgumentException("unknown per-mount option '" + word + "'");
            }
            bits |= PER_MOUNT_BITS[i];
        }
        return bits;
    }

    /** The per-mount option words for {@code bits}, as the kernel prints them. */
    public static String formatMountOptions(int bits) {
        StringBuilder out = new StringBuilder((bits & MS_RDONLY) != 0 ? "ro" : "rw");
        for (int i = 0; i < PER_MOUNT_WORDS.length; i++) {
            if ((bits & PER_MOUNT_BITS[i]) != 0) {
                out.append(',').append(PER_MOUNT_WORDS[i]);
            }
        }
        return out.toString();
    }

    /** Superblock options split into the flag bits CRIU keeps as {@code sb_flags} and the rest. */
    public record SuperblockOptions(int flags, RawString options) {
    }

    /**
     * Splits mountinfo's superblock options (last field, escapes already decoded) into
     * {@link SuperblockOptions}; the remaining words keep their bytes and order.
     */
    public static SuperblockOptions parseSuperblockOptions(RawString words) {
        int bits = 0;
        RawString rest = RawString.EMPTY;
        int from = 0;
        int n = words.length();
        while (from <= n) {
            int to = from;
            while (to < n && words.byteAt(to) != ',') {
                to++;
            }
            RawString word = words.substring(from, to);
            String text = word.utf8();
            int i = indexOf(SB_WORDS, text);
            if (text.equals("ro")) {
                bits |= MS_RDONLY;
            } else if (i >= 0) {
                bits |= SB_BITS[i];
            } else if (!text.equals("rw") && !word.isEmpty()) {
                rest = rest.isEmpty() ? word : rest.concat(COMMA).concat(word);
            }
            from = to + 1;
        }
        return new SuperblockOptions(bits, rest);
    }

    /** Superblock flags and remaining options back to mountinfo's last field (unescaped). */
    public static RawString formatSuperblockOptions(int flags, RawString options) {
        StringBuilder out = new StringBuilder((flags & MS_RDONLY) != 0 ? "ro" : "rw");
        for (int i = 0; i < SB_WORDS.length; i++) {
            if ((flags & SB_BITS[i]) != 0) {
                out.append(',').append(SB_WORDS[i]);
            }
        }
        RawString head = RawString.of(out.toString());
        return options.isEmpty() ? head : head.concat(COMMA).concat(options);
    }

    private static int indexOf(String[] words, String word) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals(word)) {
                return i;
            }
        }
        return -1;
    }
}
