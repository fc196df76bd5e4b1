package dev.mountflow.plugin;

/** The commands a plugin can add options to. */
public enum PluginCommand {
    DUMP("dump"),
    RESTORE("restore"),
    GC("gc");

    private final String commandName;

    PluginCommand(String commandName) {
        this.commandName = commandName;
    }

    /** As typed on the command line: {@code dump}. */
    public String commandName() {
        return commandName;
    }
}
