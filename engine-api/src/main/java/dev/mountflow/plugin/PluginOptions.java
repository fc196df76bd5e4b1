package dev.mountflow.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values given on one command line to one plugin's options, by option name. An option not
 * given has no values: a flag reads false, {@link #value} is empty, {@link #values} is empty.
 */
public final class PluginOptions {
    private static final PluginOptions NONE = new PluginOptions(Map.of());

    private final Map<String, List<String>> values;

    private PluginOptions(Map<String, List<String>> values) {
        this.values = values;
    }

    public static PluginOptions none() {
        return NONE;
    }

    /** Values by option name; a flag that was given has the single value {@code "true"}. */
    public static PluginOptions of(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return new PluginOptions(copy);
    }

    public boolean flag(String name) {
        return values.getOrDefault(name, List.of()).contains("true");
    }

    public Optional<String> value(String name) {
        List<String> list = values.getOrDefault(name, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Whether any option was given at all. */
    public boolean isEmpty() {
        return values.values().stream().allMatch(List::isEmpty);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
