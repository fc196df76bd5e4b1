package dev.mountflow.cli;

import dev.mountflow.error.InputException;
import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.plugin.PluginOption;
import dev.mountflow.pluginset.PluginSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Adds the plugins' options to the commands they extend, as picocli options. */
final class PluginOptionSpecs {
    private PluginOptionSpecs() {
    }

    /** @throws InputException when an option is added twice or clashes with a command's own */
    static void add(CommandLine cl, PluginSet plugins) {
        for (PluginCommand command : PluginCommand.values()) {
            CommandLine sub = cl.getSubcommands().get(command.commandName());
            if (sub == null) {
                continue;
            }
            CommandSpec spec = sub.getCommandSpec();
            for (Map.Entry<PluginOption, String> e : plugins.options(command).entrySet()) {
                PluginOption o = e.getKey();
                if (spec.findOption(o.name()) != null) {
                    throw new InputException("plugin '" + e.getValue() + "' adds the option " + o.name() + " to "
                            + command.commandName() + ", which has one of that name");
                }
                spec.addOption(spec(o, e.getValue()));
            }
        }
    }

    private static OptionSpec spec(PluginOption o, String pluginId) {
        String description = o.description() + " (plugin " + pluginId + ")";
        OptionSpec.Builder b = OptionSpec.builder(o.name()).description(description);
        return switch (o.arity()) {
            case FLAG -> b.type(boolean.class).arity("0").build();
            case ONE -> b.type(String.class).arity("1").paramLabel(o.paramLabel()).build();
            case MANY -> b.type(List.class).auxiliaryTypes(String.class).arity("1").paramLabel(o.paramLabel()).build();
        };
    }
}
