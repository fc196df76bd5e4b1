package dev.mountflow.kernel;

import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;

/**
 * The fault hook of the kernel layer, for failure testing of whole commands: with the system
 * property {@code mountflow.fault.at=K} (or the environment variable {@code MOUNTFLOW_FAULT_AT=K}),
 * the K-th mount-changing call fails with {@code EPERM} without reaching the kernel
 * ({@link FaultInjectingKernel}). Unset, the kernel is returned as it is.
 */
public final class FaultHook {
    public static final String PROPERTY = "mountflow.fault.at";
    public static final String ENVIRONMENT = "MOUNTFLOW_FAULT_AT";

    private FaultHook() {
    }

    public static Kernel apply(Kernel kernel) {
        String value = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (value == null || value.isBlank()) {
            return kernel;
        }
        int k;
        try {
            k = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " '" + value + "' is not a call number");
        }
        if (k < 1) {
            throw new IllegalArgumentException(PROPERTY + " '" + value + "' must be 1 or more");
        }
        return new FaultInjectingKernel(kernel, k, Errno.EPERM);
    }
}
