package dev.mountflow.spi;

import java.util.Objects;

/**
 * Whether one kernel feature works here, and if not why: {@code ENOSYS (Function not
 * implemented)}, {@code EPERM …: needs CAP_SYS_ADMIN}, {@code not probed: open_tree unavailable}.
 */
public record FeatureStatus(boolean available, String reason) {
    private static final FeatureStatus AVAILABLE = new FeatureStatus(true, "");

    public FeatureStatus {
        Objects.requireNonNull(reason, "reason");
        if (!available && reason.isEmpty()) {
            throw new IllegalArgumentException("a missing feature needs a reason");
        }
    }

    public static FeatureStatus works() {
        return AVAILABLE;
    }

    public static FeatureStatus missing(String reason) {
        return new FeatureStatus(false, reason);
    }

    @Override
    public String toString() {
        return available ? "available" : "missing: " + reason;
    }
}
