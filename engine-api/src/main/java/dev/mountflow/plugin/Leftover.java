package dev.mountflow.plugin;

import dev.mountflow.spi.ThrowingRunnable;
import java.util.Objects;

/**
 * One thing an interrupted dump or restore left behind, found by a plugin for {@code mountflow gc}.
 *
 * @param kind what sort of thing: {@code namespace pin}, {@code work file}, {@code link remap}
 * @param what which one, for the report: a path, and what it holds
 * @param remove removes it; {@code gc --dry-run} does not call it
 */
public record Leftover(String kind, String what, ThrowingRunnable<Exception> remove) {
    public Leftover {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(remove, "remove");
    }
}
