package dev.mountflow.plugin;

import dev.mountflow.error.InputException;

/** A plugin refused the input (an option, the image) before anything was changed; names the plugin. */
public final class PluginInputException extends InputException {
    private final String pluginId;

    public PluginInputException(String pluginId, InputException cause) {
        super("plugin '" + pluginId + "': " + cause.getMessage(), cause);
        this.pluginId = pluginId;
    }

    public String pluginId() {
        return pluginId;
    }
}
