package dev.mountflow.validate;

/** The kernel's bounds that an image must respect to be restorable at all. */
final class KernelLimits {
    /** PATH_MAX is 4096 bytes including the terminating NUL; longer paths fail with ENAMETOOLONG. */
    static final int PATH_MAX_BYTES = 4095;

    /** NAME_MAX: one component longer than this fails every lookup with ENAMETOOLONG. */
    static final int NAME_MAX_BYTES = 255;

    /** mount(2) copies its source with strndup_user(source, PATH_MAX) and fails beyond it. */
    static final int MOUNT_SOURCE_MAX_BYTES = 4095;

    /**
     * mount(2) copies one page of its data argument and ends it with a NUL in the page's last
     * byte, so longer options would be cut silently; 4096 is the smallest page size Linux uses.
     */
    static final int MOUNT_OPTIONS_MAX_BYTES = 4095;

    /**
     * The default fs.mount-max, which the kernel enforces per namespace with ENOSPC. The whole
     * image must fit one namespace because the v1 engine builds all namespaces in one tree first.
     */
    static final int MOUNT_MAX = 100_000;

    private KernelLimits() {
    }
}
