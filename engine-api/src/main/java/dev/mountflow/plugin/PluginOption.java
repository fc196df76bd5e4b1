package dev.mountflow.plugin;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An option a plugin adds to one of mountflow's commands: {@code --trace FILE} on
 * {@code restore}. The command line parses it; the plugin reads its value from
 * {@link PluginOptions} by name.
 *
 * @param command the command that takes it
 * @param name the option as typed, {@code --} and lowercase words joined by {@code -}
 * @param arity whether it is a flag, takes one value, or may be given many times
 * @param paramLabel what its value is, for help ({@code FILE}); empty for a flag
 * @param description one line of help
 */
public record PluginOption(PluginCommand command, String name, Arity arity, String paramLabel, String description) {
    private static final Pattern NAME = Pattern.compile("--[a-z0-9]+(-[a-z0-9]+)*");

    /** How many values an option takes. */
    public enum Arity {
        /** No value: present or not. */
        FLAG,
        /** One value, at most once. */
        ONE,
        /** One value per occurrence, any number of occurrences. */
        MANY
    }

    public PluginOption {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(arity, "arity");
        Objects.requireNonNull(description, "description");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("option name '" + name + "' must be -- and lowercase words joined by -");
        }
        if (arity == Arity.FLAG) {
            paramLabel = "";
        } else if (paramLabel == null || paramLabel.isEmpty()) {
            throw new IllegalArgumentException("option " + name + " takes a value and needs a parameter label");
        }
    }

    public static PluginOption flag(PluginCommand command, String name, String description) {
        return new PluginOption(command, name, Arity.FLAG, "", description);
    }

    public static PluginOption value(PluginCommand command, String name, String paramLabel, String description) {
        return new PluginOption(command, name, Arity.ONE, paramLabel, description);
    }

    public static PluginOption values(PluginCommand command, String name, String paramLabel, String description) {
        return new PluginOption(command, name, Arity.MANY, paramLabel, description);
    }
}
