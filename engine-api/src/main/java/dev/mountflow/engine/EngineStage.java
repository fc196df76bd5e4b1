package dev.mountflow.engine;

/**
 * A stage of an engine whose id and one-line account of what it leaves behind are fixed when it
 * is made; subclasses implement {@link #run}.
 */
public abstract class EngineStage implements Stage {
    private final String id;
    private final String leavesBehind;

    /**
     * @param id one of {@link StageIds#ENGINE_STAGES}
     * @param leavesBehind the state of the system once the stage has run, for {@code mountflow stages}
     */
    protected EngineStage(String id, String leavesBehind) {
        this.id = id;
        this.leavesBehind = leavesBehind;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String leavesBehind() {
        return leavesBehind;
    }
}
