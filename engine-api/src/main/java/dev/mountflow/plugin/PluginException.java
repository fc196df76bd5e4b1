package dev.mountflow.plugin;

/** A plugin's hook failed; the message names the plugin and where it was. */
public final class PluginException extends RuntimeException {
    private final String pluginId;

    public PluginException(String pluginId, String where, Throwable cause) {
        super("plugin '" + pluginId + "' " + where + ": " + message(cause), cause);
        this.pluginId = pluginId;
    }

    public String pluginId() {
        return pluginId;
    }

    static String message(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
