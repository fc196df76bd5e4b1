package dev.mountflow.spi;

import java.nio.file.Path;

/**
 * A dedicated platform thread that lives in one mount namespace; tasks run there one at a time.
 * The namespace lives as long as the thread (plus whatever else holds it: an fd, a pin, a process
 * started from a task). Implemented by the kernel module's {@code NamespaceThread}.
 */
public interface NamespaceExecutor extends AutoCloseable {
    /** Runs {@code task} on the thread and returns its result; its exception comes back unchanged. */
    <T, E extends Exception> T call(ThrowingCallable<T, E> task) throws E;

    <E extends Exception> void run(ThrowingRunnable<E> task) throws E;

    /**
     * Starts {@code task} on the thread and returns at once, so the caller can work beside it;
     * {@link Pending#join} waits for it. Tasks still run one at a time, in the order given.
     */
    <T> Pending<T> start(ThrowingCallable<T, RuntimeException> task);

    /** A task {@link #start}ed on a namespace thread. */
    interface Pending<T> {
        /**
         * Waits for the task, even through interrupts (a caller that gave up could not know what
         * it did to the namespace), and returns its result or throws what it threw, unchanged.
         */
        T join();

        /**
         * Waits for the task after the caller failed with {@code failure}: the task's own failure,
         * if any, is added to it as suppressed, so the caller throws one exception for both and
         * nothing runs on the thread any more once it does.
         */
        default void settle(RuntimeException failure) {
            try {
                join();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** The Linux thread id: {@code /proc/<tid>/mountinfo} shows this namespace. */
    int tid();

    /** {@code /proc/<tid>/mountinfo}. */
    default Path mountInfoPath() {
        return Path.of("/proc", Integer.toString(tid()), "mountinfo");
    }

    /** {@code /proc/<tid>/ns/mnt}, to join or pin the namespace. */
    default Path namespacePath() {
        return Path.of("/proc", Integer.toString(tid()), "ns", "mnt");
    }

    /** Ends the thread once submitted tasks ran; idempotent. */
    @Override
    void close();
}
