package dev.mountflow.spi;

/**
 * A task with a result for a {@link NamespaceExecutor}. Shaped like {@link java.util.concurrent.Callable}
 * but generic in what it throws, so a task that throws nothing checked needs no
 * {@code throws Exception} at the call site, and one that throws {@code IOException} passes it
 * through as such.
 */
@FunctionalInterface
public interface ThrowingCallable<T, E extends Exception> {
    T call() throws E;
}
