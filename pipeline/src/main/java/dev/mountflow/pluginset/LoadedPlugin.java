package dev.mountflow.pluginset;

import dev.mountflow.plugin.PipelinePlugin;
import java.util.Objects;

/**
 * A plugin and where it came from, for listings and error messages.
 *
 * @param origin {@value #BUILT_IN} for mountflow's own and those handed over in code, else the
 *     jar of {@code --plugin-path} it was loaded from
 */
public record LoadedPlugin(PipelinePlugin plugin, String origin) {
    public static final String BUILT_IN = "built-in";

    public LoadedPlugin {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(origin, "origin");
    }

    public static LoadedPlugin builtIn(PipelinePlugin plugin) {
        return new LoadedPlugin(plugin, BUILT_IN);
    }

    public String id() {
        return plugin.id();
    }

    /** {@code com.example.Recorder (/plugins/recorder.jar)}: the class and where it came from. */
    public String describe() {
        return plugin.getClass().getName() + " (" + origin + ")";
    }
}
