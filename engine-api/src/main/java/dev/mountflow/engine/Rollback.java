package dev.mountflow.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The undo stack of one restore: whatever a stage acquires is pushed here the moment it is held;
 * {@link #unwind()} closes everything newest first and keeps going past failures, so a failure at
 * any point leaves nothing behind. Success does not unwind; the owner of the restored namespaces
 * closes them later.
 */
public final class Rollback {
    /** One undo action with its name for error messages, rendered only when one is written. */
    public record Entry(Supplier<String> what, AutoCloseable action) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    /** Registers {@code action} to run on unwind; returns it for chaining. */
    public <T extends AutoCloseable> T push(String what, T action) {
        return push(() -> what, action);
    }

    /**
     * As {@link #push(String, AutoCloseable)}, the name made only if a message needs it: most
     * entries are fds closed again a moment later, tens of thousands per restore.
     */
    public synchronized <T extends AutoCloseable> T push(Supplier<String> what, T action) {
        entries.push(new Entry(what, action));
        return action;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Forgets every entry without running it (the restore succeeded and ownership moved on). */
    public synchronized List<Entry> release() {
        List<Entry> out = new ArrayList<>(entries);
        entries.clear();
        return out;
    }

    /**
     * Runs every undo action, newest first. Failures do not stop the unwind; they are returned
     * (and should be reported as suppressed exceptions of the failure that caused the unwind).
     */
    public synchronized List<Exception> unwind() {
        List<Exception> failures = new ArrayList<>();
        while (!entries.isEmpty()) {
            Entry e = entries.pop();
            try {
                e.action().close();
            } catch (Exception ex) {
                failures.add(new IllegalStateException("rollback of " + e.what().get() + " failed: " + ex.getMessage(), ex));
            }
        }
        return failures;
    }
}
