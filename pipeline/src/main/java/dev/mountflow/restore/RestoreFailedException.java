package dev.mountflow.restore;

/**
 * A restore that failed in a stage and was rolled back: the message names the stage and the
 * cause, {@code restore failed in stage 'populate-tree': mount src='a' dst='/x' flags=MS_BIND:
 * EPERM (Operation not permitted)}. Rollback steps that failed in turn are suppressed exceptions.
 */
public class RestoreFailedException extends RuntimeException {
    private final String stage;
    private final transient RestoreReport report;

    public RestoreFailedException(String stage, Throwable cause, RestoreReport report) {
        super("restore failed in stage '" + stage + "': " + describe(cause), cause);
        this.stage = stage;
        this.report = report;
    }

    /** The id of the stage that failed. */
    public String stage() {
        return stage;
    }

    /** The report up to the failure, rollback included. */
    public RestoreReport report() {
        return report;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
