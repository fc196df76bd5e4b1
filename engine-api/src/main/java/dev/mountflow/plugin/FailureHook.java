package dev.mountflow.plugin;

/**
 * What a plugin does when a stage failed, before the rollback: look at what is there, record it.
 * What it throws is added to the failure as suppressed; the rollback happens regardless.
 */
@FunctionalInterface
public interface FailureHook {
    void failed(PluginContext context, String stageId, Throwable failure) throws Exception;
}
