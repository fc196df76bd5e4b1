package dev.mountflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SettleTests {

    @Test
    void waitsUntilAThreadStartedSinceHasLeftTheProcess() throws Exception {
        long baseline = threads();
        Settle settle = Settle.atCurrentThreads();
        CountDownLatch started = new CountDownLatch(1);
        Thread lingering = new Thread(() -> {
            started.countDown();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lingering.start();
        started.await();
        assertThat(threads()).isGreaterThan(baseline);
        settle.await();
        // Its contract, read back from the kernel (the JVM's own threads come and go too, so
        // whether it was this thread that left is not asserted).
        assertThat(threads()).as("threads in the process once await returned").isLessThanOrEqualTo(baseline);
    }

    private static long threads() throws java.io.IOException {
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            return tasks.count();
        }
    }

    @Test
    void returnsAtOnceWhenNothingWasStarted() throws Exception {
        Settle settle = Settle.atCurrentThreads();
        long before = System.nanoTime();
        settle.await();
        assertThat(System.nanoTime() - before).isLessThan(1_000_000_000L);
    }
}
