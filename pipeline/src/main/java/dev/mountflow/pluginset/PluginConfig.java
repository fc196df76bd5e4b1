package dev.mountflow.pluginset;

import dev.mountflow.error.InputException;
import dev.mountflow.plugin.PipelinePlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which plugins a run uses (JUnit's {@code LauncherConfig} for plugins): those found with
 * ServiceLoader unless auto-registration is off, those in the jars of {@code --plugin-path}
 * directories, those handed over in code, minus those turned off with {@code --disable-plugin}.
 * Tests build one with auto-registration off and their own plugins, scanning nothing.
 */
public final class PluginConfig {
    private final boolean autoRegistration;
    private final List<PipelinePlugin> additional;
    private final List<Path> pluginPath;
    private final Set<String> disabled;

    private PluginConfig(Builder b) {
        autoRegistration = b.autoRegistration;
        additional = List.copyOf(b.additional);
        pluginPath = List.copyOf(b.pluginPath);
        disabled = Set.copyOf(b.disabled);
    }

    /** ServiceLoader's plugins, nothing else. */
    public static PluginConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This configuration with {@code dirs} and {@code disabledIds} added (from the command line). */
    public PluginConfig with(List<Path> dirs, List<String> disabledIds) {
        Builder b = builder().enableAutoRegistration(autoRegistration);
        additional.forEach(b::addPlugin);
        pluginPath.forEach(b::addPluginPath);
        dirs.forEach(b::addPluginPath);
        disabled.forEach(b::disable);
        disabledIds.forEach(b::disable);
        return b.build();
    }

    /**
     * Loads the plugins: found, checked for ids, the disabled ones removed, sorted by id.
     *
     * @throws InputException for a plugin directory that cannot be read, a plugin that cannot be
     *     loaded, a malformed or repeated id, or a disabled id no plugin has
     */
    public PluginSet load() {
        List<LoadedPlugin> found = new ArrayList<>();
        if (autoRegistration || !pluginPath.isEmpty()) {
            for (LoadedPlugin p : new ServiceLoaderPluginRegistry().load(pluginPath)) {
                if (autoRegistration || !LoadedPlugin.BUILT_IN.equals(p.origin())) {
                    found.add(p);
                }
            }
        }
        additional.forEach(p -> found.add(LoadedPlugin.builtIn(p)));
        new PluginIdValidator().validate(found);
        Set<String> known = new TreeSet<>();
        found.forEach(p -> known.add(p.id()));
        for (String id : disabled) {
            if (!known.contains(id)) {
                throw new InputException("--disable-plugin " + id + ": no plugin has this id; loaded: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        List<LoadedPlugin> enabled = new ArrayList<>();
        for (LoadedPlugin p : found) {
            if (!disabled.contains(p.id())) {
                enabled.add(p);
            }
        }
        enabled.sort(Comparator.comparing(LoadedPlugin::id));
        return new PluginSet(enabled);
    }

    /** Builds a {@link PluginConfig}. */
    public static final class Builder {
        private boolean autoRegistration = true;
        private final List<PipelinePlugin> additional = new ArrayList<>();
        private final List<Path> pluginPath = new ArrayList<>();
        private final Set<String> disabled = new LinkedHashSet<>();

        private Builder() {
        }

        /** Whether mountflow's class path is scanned with ServiceLoader (on by default). */
        public Builder enableAutoRegistration(boolean enabled) {
            autoRegistration = enabled;
            return this;
        }

        public Builder addPlugin(PipelinePlugin plugin) {
            additional.add(plugin);
            return this;
        }

        /** Loads every jar directly in {@code dir}. */
        public Builder addPluginPath(Path dir) {
            pluginPath.add(dir);
            return this;
        }

        public Builder disable(String id) {
            disabled.add(id);
            return this;
        }

        public PluginConfig build() {
            return new PluginConfig(this);
        }
    }
}
