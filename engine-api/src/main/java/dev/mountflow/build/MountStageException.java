package dev.mountflow.build;

/**
 * An engine's stage failed on one image entry: the message names the stage, the namespace, the mount and
 * the failed call with its errno ({@code assemble: namespace 1, mount 31 '/a': move_mount ...}).
 */
public final class MountStageException extends RuntimeException {
    public MountStageException(String stage, String entry, RuntimeException cause) {
        super(stage + ": " + entry + ": " + cause.getMessage(), cause);
    }
}
