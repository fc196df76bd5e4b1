package dev.mountflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Waits, before a timed run, until the threads of the run before it have left the process. A
 * restore's namespace threads end after its report is taken, and the kernel tears their
 * namespaces down (10,000 mounts) as they exit, on a core the next timed run would otherwise
 * share: that cost belongs to no run, so none is charged with it. Gives up after a while, so a
 * thread that never ends costs time, not the benchmark.
 */
final class Settle {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long GIVE_UP_NANOS = 2_000_000_000L;

    private final long baseline;

    private Settle(long baseline) {
        this.baseline = baseline;
    }

    /** The process's thread count now, as what later waits return to. */
    static Settle atCurrentThreads() throws IOException {
        return new Settle(threads());
    }

    /** Returns once the process has no more threads than at {@link #atCurrentThreads}, or after two seconds. */
    void await() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (threads() > baseline && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static long threads() throws IOException {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.count();
        }
    }
}
