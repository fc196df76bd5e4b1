package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;

/**
 * {@code O_*} flags of open(2)/openat2(2).
 *
 * <p>Values are per architecture: x86_64 uses {@code <asm-generic/fcntl.h>}, arm64 moves
 * {@code O_DIRECTORY} and {@code O_NOFOLLOW} ({@code arch/arm64/include/uapi/asm/fcntl.h}). A
 * wrong {@code O_NOFOLLOW} would silently follow symlinks, so the value is picked from
 * {@code os.arch} rather than assumed.
 */
public final class OpenFlags {
    private static final boolean ARM64 = "aarch64".equals(System.getProperty("os.arch"));

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_DIRECTORY = ARM64 ? 040000 : 0200000;
    public static final int O_NOFOLLOW = ARM64 ? 0100000 : 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;

    /** O_RDONLY is zero, so the table can only show it as the whole value {@code 0}. */
    public static final FlagTable TABLE = FlagTable.builder()
            .add("O_WRONLY", O_WRONLY).add("O_RDWR", O_RDWR).add("O_CREAT", O_CREAT)
            .add("O_EXCL", O_EXCL).add("O_NOCTTY", O_NOCTTY).add("O_TRUNC", O_TRUNC)
            .add("O_DIRECTORY", O_DIRECTORY).add("O_NOFOLLOW", O_NOFOLLOW)
            .add("O_CLOEXEC", O_CLOEXEC).add("O_PATH", O_PATH)
            .build();

    private OpenFlags() {
    }
}
