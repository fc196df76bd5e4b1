package dev.mountflow.plugin;

import java.util.Objects;

/**
 * Where a plugin's own stage runs: right before or right after a stage of the pipeline,
 * written {@code after:populate-tree}.
 *
 * @param placement before or after
 * @param stageId the stage it is placed against, one of {@link dev.mountflow.engine.StageIds#ALL}
 */
public record StagePosition(Placement placement, String stageId) {
    /** Before or after. */
    public enum Placement {
        BEFORE("before"),
        AFTER("after");

        private final String word;

        Placement(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public StagePosition {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(stageId, "stageId");
    }

    public static StagePosition before(String stageId) {
        return new StagePosition(Placement.BEFORE, stageId);
    }

    public static StagePosition after(String stageId) {
        return new StagePosition(Placement.AFTER, stageId);
    }

    /** Parses {@code before:ID} or {@code after:ID}. */
    public static StagePosition parse(String text) {
        int colon = text.indexOf(':');
        String word = colon < 0 ? "" : text.substring(0, colon);
        String id = colon < 0 ? "" : text.substring(colon + 1);
        for (Placement p : Placement.values()) {
            if (p.word.equals(word) && !id.isEmpty()) {
                return new StagePosition(p, id);
            }
        }
        throw new IllegalArgumentException("stage position '" + text + "' is not before:STAGE or after:STAGE");
    }

    @Override
    public String toString() {
        return placement.word + ":" + stageId;
    }
}
