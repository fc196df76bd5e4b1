package dev.mountflow.enginev2;

/**
 * A v2 stage failed on one image entry: the message names the stage, the namespace, the mount and
 * the failed call with its errno ({@code assemble: namespace 1, mount 31 '/a': move_mount ...}).
 */
final class V2MountException extends RuntimeException {
    V2MountException(String stage, String entry, RuntimeException cause) {
        super(stage + ": " + entry + ": " + cause.getMessage(), cause);
    }
}
