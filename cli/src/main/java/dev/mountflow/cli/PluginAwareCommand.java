package dev.mountflow.cli;

import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.pluginset.ActivePlugin;
import dev.mountflow.pluginset.PluginSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command that works with plugins. The command line hands it the plugins it loaded, or the
 * reason loading failed, which the command then reports like any error of its own (one line,
 * exit 2) instead of the whole command line failing to start.
 */
abstract class PluginAwareCommand {
    private PluginSet plugins = PluginSet.empty();
    private RuntimeException loadFailure;

    final void usePlugins(PluginSet loaded, RuntimeException failure) {
        this.plugins = loaded;
        this.loadFailure = failure;
    }

    /** The loaded plugins; throws why they could not be loaded. */
    final PluginSet plugins() {
        if (loadFailure != null) {
            throw loadFailure;
        }
        return plugins;
    }

    /** Each plugin with the values this command line gave its options for {@code command}. */
    final List<ActivePlugin> activePlugins(CommandSpec spec, PluginCommand command) {
        return plugins().activate(command, name -> values(spec.findOption(name)));
    }

    private static List<String> values(OptionSpec option) {
        if (option == null) {
            return List.of();
        }
        Object value = option.getValue();
        if (value instanceof Boolean flag) {
            return flag ? List.of("true") : List.of();
        }
        if (value instanceof Collection<?> many) {
            List<String> out = new ArrayList<>();
            many.forEach(v -> out.add(String.valueOf(v)));
            return out;
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
