package dev.mountflow.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon platform threads that run {@link RestoreContext#inBackground} work: never the common
 * pool, whose threads a parallel stream of the same restore may be waiting on.
 */
final class BackgroundThreads {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mountflow-background-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    static final Executor EXECUTOR = POOL;

    private BackgroundThreads() {
    }

    /** Waits for {@code f} through interrupts (keeping the interrupt) and rethrows its failure unchanged. */
    static void joinUninterruptibly(CompletableFuture<?> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
