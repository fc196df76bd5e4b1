package dev.mountflow.restore;

import dev.mountflow.engine.RestoredNamespace;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * A restore that succeeded: the caller now owns the restored namespaces. Closing ends their
 * threads, so each namespace goes away unless a pin or a process still holds it.
 */
public final class RestoreResult implements AutoCloseable {
    private final List<RestoredNamespace> namespaces;
    private final RestoreReport report;
    private final List<Path> pins;
    private final Integer exitStatus;

    RestoreResult(List<RestoredNamespace> namespaces, RestoreReport report, List<Path> pins, Integer exitStatus) {
        this.namespaces = List.copyOf(namespaces);
        this.report = report;
        this.pins = List.copyOf(pins);
        this.exitStatus = exitStatus;
    }

    /** The restored namespaces, in the order the engine reported them. */
    public List<RestoredNamespace> namespaces() {
        return namespaces;
    }

    public RestoreReport report() {
        return report;
    }

    /** The files the namespaces were pinned on ({@link Publication.PinIn}), by image namespace id. */
    public List<Path> pins() {
        return pins;
    }

    /** The exit status of the command run inside ({@link Publication.Exec}). */
    public OptionalInt exitStatus() {
        return exitStatus == null ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }

    @Override
    public void close() {
        for (RestoredNamespace ns : namespaces) {
            ns.thread().close();
        }
    }
}
