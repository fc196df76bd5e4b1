package dev.mountflow.spi;

import dev.mountflow.model.RawString;
import java.util.Map;

/**
 * A kernel call that failed: the call, its arguments and the errno, rendered as
 * {@code mount src='/a' dst='/b' flags=MS_BIND|MS_REC: EPERM (Operation not permitted)}.
 *
 * <p>ENOSPC from a call that adds mounts does not mean a full disk: the kernel returns it when the
 * namespace would exceed {@code fs.mount-max}, and the message says so.
 */
public class NativeCallException extends RuntimeException {
    static final String MOUNT_LIMIT_TEXT = "mount limit reached (fs.mount-max)";

    private final transient NativeCall call;
    private final int errno;

    public NativeCallException(NativeCall call, int errno) {
        super(call + ": " + Errno.nameOf(errno) + " (" + textFor(call.kind(), errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The C function's name, e.g. {@code move_mount}. */
    public String call() {
        return call.kind().cName();
    }

    public KernelCall kind() {
        return call.kind();
    }

    /** The path arguments by name ({@code src}, {@code dst}, {@code from}, …), in call order. */
    public Map<String, RawString> paths() {
        return call.paths();
    }

    /** The flag arguments by name, rendered as {@code MS_BIND|MS_REC}. */
    public Map<String, String> flags() {
        return call.flags();
    }

    /** The fd arguments by name ({@code fd}, {@code from_fd}, …); AT_FDCWD is left out. */
    public Map<String, Integer> fds() {
        return call.fds();
    }

    public int errno() {
        return errno;
    }

    /** {@code EPERM}, or {@code errno N} for a value {@link Errno} does not hold. */
    public String errnoName() {
        return Errno.nameOf(errno);
    }

    /** strerror's text, except the mount-limit wording for ENOSPC from a mount-adding call. */
    public String errnoText() {
        return textFor(call.kind(), errno);
    }

    public boolean is(Errno expected) {
        return errno == expected.number();
    }

    private static String textFor(KernelCall kind, int errno) {
        boolean addsMounts = kind == KernelCall.MOUNT || kind == KernelCall.OPEN_TREE || kind == KernelCall.MOVE_MOUNT;
        return addsMounts && errno == Errno.ENOSPC.number() ? MOUNT_LIMIT_TEXT : Errno.textOf(errno);
    }
}
