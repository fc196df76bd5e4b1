package dev.mountflow.kernel;

/** A task without a result for a {@link NamespaceThread}; see {@link ThrowingCallable}. */
@FunctionalInterface
public interface ThrowingRunnable<E extends Exception> {
    void run() throws E;
}
