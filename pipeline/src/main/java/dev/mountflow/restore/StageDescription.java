package dev.mountflow.restore;

/** One line of {@code mountflow stages}: a stage id and the state it leaves behind. */
public record StageDescription(String id, String leavesBehind) {
}
