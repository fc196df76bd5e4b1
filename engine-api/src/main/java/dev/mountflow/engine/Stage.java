package dev.mountflow.engine;

/**
 * One named step of a restore. A stage acquires what it needs (fds, threads, namespaces,
 * directories) and registers each for rollback with {@link RestoreContext#rollback()} as soon as
 * it holds it, so a failure anywhere later unwinds everything in reverse.
 */
public interface Stage {
    /** One of {@link StageIds}, or a plugin's own id. */
    String id();

    /** One line: the state of the system once this stage has run ({@code mountflow stages}). */
    String leavesBehind();

    void run(RestoreContext context) throws Exception;
}
