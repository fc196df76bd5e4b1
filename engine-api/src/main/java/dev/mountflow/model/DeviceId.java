package dev.mountflow.model;

/**
 * A superblock's device number as mountinfo shows it ({@code major:minor}).
 *
 * <p>CRIU's images store it in the kernel's internal encoding, {@code major << 20 | minor}
 * ({@link #encoded()}), which is what {@code crit} decodes for {@code root_dev}.
 */
public record DeviceId(int major, int minor) implements Comparable<DeviceId> {
    private static final int MINOR_BITS = 20;
    private static final int MINOR_MASK = (1 << MINOR_BITS) - 1;
    private static final int MAJOR_MAX = (1 << (32 - MINOR_BITS)) - 1;

    public DeviceId {
        if (major < 0 || major > MAJOR_MAX || minor < 0 || minor > MINOR_MASK) {
            throw new IllegalArgumentException("device " + major + ":" + minor + " is out of range");
        }
    }

    /** Parses {@code major:minor} in decimal, as mountinfo's third field. */
    public static DeviceId parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("device '" + text + "' is not major:minor");
        }
        try {
            return new DeviceId(Integer.parseInt(text.substring(0, colon)),
                    Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device '" + text + "' is not major:minor", e);
        }
    }

    public static DeviceId fromEncoded(int encoded) {
        return new DeviceId(encoded >>> MINOR_BITS, encoded & MINOR_MASK);
    }

    public int encoded() {
        return major << MINOR_BITS | minor;
    }

    @Override
    public int compareTo(DeviceId o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + ":" + minor;
    }
}
