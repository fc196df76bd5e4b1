package dev.mountflow.pluginset;

import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginOptions;

/** A plugin taking part in one run, with the values of its options. */
public record ActivePlugin(LoadedPlugin loaded, PluginOptions options) {
    public PipelinePlugin plugin() {
        return loaded.plugin();
    }

    public String id() {
        return loaded.id();
    }

    /** A plugin handed over in code, with these options. */
    public static ActivePlugin of(PipelinePlugin plugin, PluginOptions options) {
        return new ActivePlugin(LoadedPlugin.builtIn(plugin), options);
    }
}
