package dev.mountflow.plugin;

import java.util.Objects;

/**
 * A stage a plugin adds to a restore, run like the engine's stages: timed, its kernel calls
 * counted, its failure rolling the restore back.
 *
 * @param id its id in listings and reports; not one of the pipeline's own
 * @param position where it runs
 * @param leavesBehind one line: the state of the system once it has run
 * @param body what it does
 */
public record PluginStage(String id, StagePosition position, String leavesBehind, StageHook body) {
    public PluginStage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(leavesBehind, "leavesBehind");
        Objects.requireNonNull(body, "body");
    }
}
