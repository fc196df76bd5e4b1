package dev.mountflow.plugin;

import dev.mountflow.spi.NativeCall;

/**
 * Sees every kernel call of a restore as it returns, on the thread that made it: called from many
 * threads at once, so it must be thread-safe, and cheap. It must not throw.
 */
@FunctionalInterface
public interface KernelCallHook {
    void called(KernelCallEvent event);

    /**
     * One call and its outcome.
     *
     * @param stage the stage it was made in ({@code rollback} for the unwind after a failure)
     * @param call the call and its arguments
     * @param result what it returned (an fd, a count, a value), null for a call without a result or a failure
     * @param failure what it threw, null when it returned
     * @param startNanos {@link System#nanoTime()} when it was made
     * @param endNanos {@link System#nanoTime()} when it returned
     * @param tid the Linux id of the calling thread
     */
    record KernelCallEvent(String stage, NativeCall call, Object result, RuntimeException failure, long startNanos, long endNanos,
                           int tid) {
    }
}
