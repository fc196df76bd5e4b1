package dev.mountflow.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Linux errno values the mount calls can return, with glibc's {@code strerror} text.
 *
 * <p>The numbers are the generic Linux ones (x86_64 and arm64 share them). The texts are
 * glibc 2.36's, so a message reads as {@code strerror(3)} would print it; the kernel module's
 * tests compare every text with the live {@code strerror}.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    E2BIG(7, "Argument list too long"),
    ENOEXEC(8, "Exec format error"),
    EBADF(9, "Bad file descriptor"),
    ECHILD(10, "No child processes"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    ENOTBLK(15, "Block device required"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    EXDEV(18, "Invalid cross-device link"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    ETXTBSY(26, "Text file busy"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    ESPIPE(29, "Illegal seek"),
    EROFS(30, "Read-only file system"),
    EMLINK(31, "Too many links"),
    EPIPE(32, "Broken pipe"),
    ERANGE(34, "Numerical result out of range"),
    ENAMETOOLONG(36, "File name too long"),
    ENOSYS(38, "Function not implemented"),
    ENOTEMPTY(39, "Directory not empty"),
    ELOOP(40, "Too many levels of symbolic links"),
    ENODATA(61, "No data available"),
    EOVERFLOW(75, "Value too large for defined data type"),
    EOPNOTSUPP(95, "Operation not supported"),
    ESTALE(116, "Stale file handle"),
    EDQUOT(122, "Disk quota exceeded");

    private static final Map<Integer, Errno> BY_NUMBER = new HashMap<>();

    static {
        for (Errno e : values()) {
            BY_NUMBER.put(e.number, e);
        }
    }

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    public int number() {
        return number;
    }

    /** glibc's {@code strerror} text for this value. */
    public String text() {
        return text;
    }

    public static Optional<Errno> of(int number) {
        return Optional.ofNullable(BY_NUMBER.get(number));
    }

    /** The symbolic name, or {@code errno N} for a value this table does not hold. */
    public static String nameOf(int number) {
        Errno e = BY_NUMBER.get(number);
        return e == null ? "errno " + number : e.name();
    }

    /** glibc's text, or glibc's own wording for a value it does not know. */
    public static String textOf(int number) {
        Errno e = BY_NUMBER.get(number);
        return e == null ? "Unknown error " + number : e.text;
    }
}
