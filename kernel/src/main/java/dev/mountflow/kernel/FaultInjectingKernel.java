package dev.mountflow.kernel;

import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NativeCall;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the k-th mount-changing call ({@link KernelCall#changesMounts()}: mount, umount2,
 * pivot_root, open_tree, move_mount, mount_setattr, fsmount) fail with a chosen errno, without
 * reaching the kernel; every other call, before and after, goes through. For proving that a
 * failure at any step of a restore rolls back completely.
 */
public final class FaultInjectingKernel extends ForwardingKernel {
    private final int failingCall;
    private final int errno;
    private final AtomicInteger seen = new AtomicInteger();

    /**
     * @param failingCall which mount-changing call fails, counting from 1
     * @param errno the errno it fails with
     */
    public FaultInjectingKernel(Kernel delegate, int failingCall, Errno errno) {
        super(delegate);
        if (failingCall < 1) {
            throw new IllegalArgumentException("failing call must count from 1, got " + failingCall);
        }
        this.failingCall = failingCall;
        this.errno = errno.number();
    }

    @Override
    protected void beforeCall(NativeCall call) {
        if (call.kind().changesMounts() && seen.incrementAndGet() == failingCall) {
            throw call.failed(errno);
        }
    }

    /** How many mount-changing calls were made so far, the failed one included. */
    public int mountChangingCalls() {
        return seen.get();
    }

    /** Whether the fault was injected. */
    public boolean fired() {
        return seen.get() >= failingCall;
    }
}
