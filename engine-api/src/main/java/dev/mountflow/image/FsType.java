package dev.mountflow.image;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CRIU's filesystem type codes ({@code mnt_entry.fstype}) and the kernel filesystem name each one
 * stands for.
 *
 * <p>The model names filesystems as mountinfo does ({@code tmpfs}, {@code fuse.sshfs}); an image
 * stores a code, plus {@code fsname} for {@link #AUTO}. The mapping:
 * <ul>
 *   <li>writing ({@link #codeFor}, {@link #fsnameFor}): a name with its own code gets that code;
 *       any other name gets {@link #AUTO} and travels in {@code fsname}, as CRIU does for the
 *       filesystems it mounts without special handling;</li>
 *   <li>reading ({@link #nameFor}): a code with a fixed name gives that name, {@link #AUTO} gives
 *       {@code fsname}, and every other code (unknown, or {@link #UNSUPPORTED}) gives the marker
 *       {@code unknown:<code>}, so the model keeps the raw code. Writing the marker gives the same
 *       code back, so reading and rewriting an image never changes a code; validation rejects it
 *       with {@link #typeOf} (empty for every marker).</li>
 * </ul>
 */
public enum FsType {
    UNSUPPORTED(0, null),
    PROC(1, "proc"),
    SYSFS(2, "sysfs"),
    DEVTMPFS(3, "devtmpfs"),
    BINFMT_MISC(4, "binfmt_misc"),
    TMPFS(5, "tmpfs"),
    DEVPTS(6, "devpts"),
    SIMFS(7, "simfs"),
    PSTORE(8, "pstore"),
    SECURITYFS(9, "securityfs"),
    FUSECTL(10, "fusectl"),
    DEBUGFS(11, "debugfs"),
    CGROUP(12, "cgroup"),
    AUFS(13, "aufs"),
    MQUEUE(14, "mqueue"),
    FUSE(15, "fuse"),
    AUTO(16, null),
    OVERLAYFS(17, "overlay"),
    AUTOFS(18, "autofs"),
    TRACEFS(19, "tracefs"),
    CGROUP2(23, "cgroup2");

    /** Prefix of the model's name for a code that has no name (see the class comment). */
    public static final String UNKNOWN_PREFIX = "unknown:";

    private static final Map<Integer, FsType> BY_CODE = new HashMap<>();
    private static final Map<String, FsType> BY_NAME = new HashMap<>();

    static {
        for (FsType type : values()) {
            BY_CODE.put(type.code, type);
            if (type.kernelName != null) {
                BY_NAME.put(type.kernelName, type);
            }
        }
    }

    private final int code;
    private final String kernelName;

    FsType(int code, String kernelName) {
        this.code = code;
        this.kernelName = kernelName;
    }

    public int code() {
        return code;
    }

    /** The kernel's name for this type; empty for {@link #AUTO} and {@link #UNSUPPORTED}. */
    public Optional<String> kernelName() {
        return Optional.ofNullable(kernelName);
    }

    /** The type with this code, or empty when CRIU defines no such code. */
    public static Optional<FsType> fromCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The type whose fixed kernel name is {@code name}; empty for every other name. */
    public static Optional<FsType> fromKernelName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * What the model's filesystem name restores as: its own type for a fixed kernel name,
     * {@link #AUTO} for any other real name, and empty for an {@code unknown:<code>} marker, which
     * no engine can mount.
     */
    public static Optional<FsType> typeOf(String name) {
        FsType type = BY_NAME.get(name);
        if (type != null) {
            return Optional.of(type);
        }
        return markedCode(name) != null ? Optional.empty() : Optional.of(AUTO);
    }

    /**
     * The model's filesystem name for an image's {@code fstype} code and {@code fsname} (null when
     * absent): see the class comment. {@link #AUTO} with an absent or empty {@code fsname} gives
     * the marker too, since there is no name to give.
     */
    public static String nameFor(int code, String fsname) {
        FsType type = BY_CODE.get(code);
        if (type != null && type.kernelName != null) {
            return type.kernelName;
        }
        if (type == AUTO && fsname != null && !fsname.isEmpty()) {
            return fsname;
        }
        return UNKNOWN_PREFIX + Integer.toUnsignedString(code);
    }

    /** The {@code fstype} code an image stores for the model's filesystem name. */
    public static int codeFor(String name) {
        FsType type = BY_NAME.get(name);
        if (type != null) {
            return type.code;
        }
        Integer marked = markedCode(name);
        return marked != null ? marked : AUTO.code;
    }

    /** The {@code fsname} an image stores for the model's filesystem name, when it needs one. */
    public static Optional<String> fsnameFor(String name) {
        return BY_NAME.containsKey(name) || markedCode(name) != null
                ? Optional.empty() : Optional.of(name);
    }

    /** The code in a canonical {@code unknown:<code>} marker, or null for any other name. */
    private static Integer markedCode(String name) {
        if (!name.startsWith(UNKNOWN_PREFIX)) {
            return null;
        }
        String digits = name.substring(UNKNOWN_PREFIX.length());
        try {
            int code = Integer.parseUnsignedInt(digits);
            // Only the exact form nameFor produces is a marker: "unknown:007" stays a name.
            return Integer.toUnsignedString(code).equals(digits) ? code : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
