package dev.mountflow.plugin;

/** What a plugin does before or after a stage, or as a stage of its own. */
@FunctionalInterface
public interface StageHook {
    void run(PluginContext context) throws Exception;
}
