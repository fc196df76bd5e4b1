package dev.mountflow.cli;

import dev.mountflow.pluginset.PluginConfig;
import dev.mountflow.restore.EngineRegistry;

/** The {@code mountflow} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(MountflowCommand.commandLine(EngineRegistry::load, PluginConfig.defaults(), args).execute(args));
    }
}
