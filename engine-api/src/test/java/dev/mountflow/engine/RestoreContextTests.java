package dev.mountflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.spi.NamespaceExecutor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RestoreContextTests {
    private final RestoreContext context = new RestoreContext(null, RestoreRequest.empty(), null, null, line -> { });

    /** Work started the way a namespace thread's start() does, on another thread. */
    private static NamespaceExecutor.Pending<Void> started(Runnable work) {
        CompletableFuture<Void> f = CompletableFuture.runAsync(work);
        return () -> {
            try {
                return f.join();
            } catch (CompletionException e) {
                throw (RuntimeException) e.getCause();
            }
        };
    }

    @Test
    void awaitReturnsOnceEveryRegisteredWorkIsDoneAndForgetsIt() {
        List<String> done = new CopyOnWriteArrayList<>();
        context.inBackground("closing fds", () -> started(() -> done.add("closing fds")));
        context.inBackground("the rest", () -> started(() -> done.add("the rest")));
        assertThat(done).isEmpty();
        context.startBackground();
        context.awaitBackground();

        assertThat(done).containsExactlyInAnyOrder("closing fds", "the rest");
        context.awaitBackground();
        assertThat(done).hasSize(2);
    }

    @Test
    void workRegisteredButNotStartedIsDroppedByAwait() {
        List<String> done = new CopyOnWriteArrayList<>();
        context.inBackground("closing fds", () -> started(() -> done.add("closing fds")));
        context.awaitBackground();
        context.startBackground();
        context.awaitBackground();

        assertThat(done).isEmpty();
    }

    @Test
    void awaitThrowsTheFirstFailureByNameWithTheOthersSuppressedOnceAllAreDone() {
        List<String> done = new CopyOnWriteArrayList<>();
        context.inBackground("closing fds", () -> started(() -> {
            throw new IllegalStateException("close fd=7: EBADF (Bad file descriptor)");
        }));
        context.inBackground("dropping helpers", () -> started(() -> {
            throw new IllegalStateException("thread did not end");
        }));
        context.inBackground("the rest", () -> started(() -> done.add("the rest")));
        context.startBackground();

        assertThatThrownBy(context::awaitBackground)
                .hasMessage("closing fds failed: close fd=7: EBADF (Bad file descriptor)")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("dropping helpers failed: thread did not end"));
        assertThat(done).containsExactly("the rest");
        context.awaitBackground();
    }
}
