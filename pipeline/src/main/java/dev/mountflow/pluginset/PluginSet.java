package dev.mountflow.pluginset;

import dev.mountflow.error.InputException;
import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.plugin.PluginOption;
import dev.mountflow.plugin.PluginOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The plugins of one run, enabled and sorted by id. */
public final class PluginSet {
    private static final PluginSet EMPTY = new PluginSet(List.of());

    private final List<LoadedPlugin> plugins;

    PluginSet(List<LoadedPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    public static PluginSet empty() {
        return EMPTY;
    }

    /** Exactly these plugins, built in, without scanning (for tests and embedding). */
    public static PluginSet of(PipelinePlugin... plugins) {
        PluginConfig.Builder b = PluginConfig.builder().enableAutoRegistration(false);
        for (PipelinePlugin p : plugins) {
            b.addPlugin(p);
        }
        return b.build().load();
    }

    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /**
     * The options the plugins add to {@code command}, each with its plugin's id.
     *
     * @throws InputException when two plugins add an option of one name to one command
     */
    public Map<PluginOption, String> options(PluginCommand command) {
        Map<PluginOption, String> out = new LinkedHashMap<>();
        Map<String, String> owner = new HashMap<>();
        for (LoadedPlugin p : plugins) {
            for (PluginOption o : p.plugin().options()) {
                if (o.command() != command) {
                    continue;
                }
                String earlier = owner.putIfAbsent(o.name(), p.id());
                if (earlier != null) {
                    throw new InputException("plugins '" + earlier + "' and '" + p.id() + "' both add the option "
                            + o.name() + " to " + command.commandName());
                }
                out.put(o, p.id());
            }
        }
        return out;
    }

    /**
     * Each plugin with the values of its options for {@code command}.
     *
     * @param values the values given for an option name ({@code "true"} for a given flag), empty when not given
     */
    public List<ActivePlugin> activate(PluginCommand command, Function<String, List<String>> values) {
        List<ActivePlugin> out = new ArrayList<>();
        for (LoadedPlugin p : plugins) {
            Map<String, List<String>> given = new LinkedHashMap<>();
            for (PluginOption o : p.plugin().options()) {
                if (o.command() == command) {
                    List<String> v = values.apply(o.name());
                    if (!v.isEmpty()) {
                        given.put(o.name(), v);
                    }
                }
            }
            out.add(new ActivePlugin(p, PluginOptions.of(given)));
        }
        return out;
    }

    /** Each plugin with no option given. */
    public List<ActivePlugin> activate() {
        List<ActivePlugin> out = new ArrayList<>();
        plugins.forEach(p -> out.add(new ActivePlugin(p, PluginOptions.none())));
        return out;
    }
}
