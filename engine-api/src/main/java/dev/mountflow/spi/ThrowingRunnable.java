package dev.mountflow.spi;

/** A task without a result for a {@link NamespaceExecutor}; see {@link ThrowingCallable}. */
@FunctionalInterface
public interface ThrowingRunnable<E extends Exception> {
    void run() throws E;
}
