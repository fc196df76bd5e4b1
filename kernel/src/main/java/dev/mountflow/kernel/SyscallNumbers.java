package dev.mountflow.kernel;

/**
 * Numbers of the syscalls glibc 2.36 has no wrapper for, per architecture
 * ({@code <asm/unistd_64.h>} on x86_64, the generic table on arm64).
 */
record SyscallNumbers(long pivotRoot, long openat2) {
    static SyscallNumbers forThisMachine() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> new SyscallNumbers(155, 437);
            case "aarch64" -> new SyscallNumbers(41, 437);
            default -> throw new UnsupportedOperationException(
                    "no syscall numbers for architecture '" + arch + "' (known: amd64, aarch64)");
        };
    }
}
