package dev.mountflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RestoreContextTests {
    private final RestoreContext context = new RestoreContext(null, RestoreRequest.empty(), null, null, line -> { });

    @Test
    void backgroundWorkRunsBesideTheCallerAndIsDoneWhenAwaitReturns() throws Exception {
        CountDownLatch callerWent = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();
        context.inBackground("closing fds", () -> {
            try {
                // Finishes only after the caller ran on: the work did not run on the caller's thread.
                assertThat(callerWent.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            done.add(Thread.currentThread().getName());
        });
        callerWent.countDown();
        context.awaitBackground();

        assertThat(done).singleElement().asString().startsWith("mountflow-background-");
        context.awaitBackground();
    }

    @Test
    void awaitThrowsTheFirstFailureByNameWithTheOthersSuppressedOnceAllAreDone() {
        List<String> done = new CopyOnWriteArrayList<>();
        context.inBackground("closing fds", () -> {
            throw new IllegalStateException("close fd=7: EBADF (Bad file descriptor)");
        });
        context.inBackground("tearing down the sources namespace", () -> {
            throw new IllegalStateException("thread did not end");
        });
        context.inBackground("the rest", () -> done.add("the rest"));

        assertThatThrownBy(context::awaitBackground)
                .hasMessage("closing fds failed: java.lang.IllegalStateException: close fd=7: EBADF (Bad file descriptor)")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly(
                        "tearing down the sources namespace failed: java.lang.IllegalStateException: thread did not end"));
        assertThat(done).containsExactly("the rest");
        context.awaitBackground();
    }
}
