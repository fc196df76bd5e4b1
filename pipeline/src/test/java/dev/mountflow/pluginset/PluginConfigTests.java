package dev.mountflow.pluginset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.error.InputException;
import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.plugin.PluginOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which plugins a run gets: found, handed over, disabled; ids and options checked. */
class PluginConfigTests {

    @Test
    void serviceLoaderFindsTheBuiltInPluginsSortedById() {
        PluginSet set = PluginConfig.defaults().load();

        assertThat(set.plugins()).extracting(LoadedPlugin::id)
                .containsExactly("external-mounts", "gc", "ghost-files", "tmpfs-content", "trace");
        assertThat(set.plugins()).extracting(LoadedPlugin::origin).containsOnly(LoadedPlugin.BUILT_IN);
    }

    @Test
    void withAutoRegistrationOffOnlyTheHandedOverPluginsAreLoaded() {
        PluginSet set = PluginConfig.builder().enableAutoRegistration(false).addPlugin(new Named("b"))
                .addPlugin(new Named("a")).build().load();

        assertThat(set.plugins()).extracting(LoadedPlugin::id).containsExactly("a", "b");
    }

    @Test
    void aDisabledPluginIsLeftOut() {
        PluginSet set = PluginConfig.defaults().with(List.of(), List.of("trace", "gc")).load();

        assertThat(set.plugins()).extracting(LoadedPlugin::id).containsExactly("external-mounts", "ghost-files", "tmpfs-content");
    }

    @Test
    void disablingAnUnknownIdIsBadInputNamingTheLoadedOnes() {
        assertThatThrownBy(() -> PluginConfig.builder().enableAutoRegistration(false).addPlugin(new Named("a"))
                .disable("nope").build().load())
                .isInstanceOf(InputException.class)
                .hasMessage("--disable-plugin nope: no plugin has this id; loaded: a");
    }

    @Test
    void twoPluginsWithOneIdAreAnErrorNamingBoth() {
        assertThatThrownBy(() -> PluginConfig.builder().addPlugin(new Named("trace")).build().load())
                .isInstanceOf(InputException.class)
                .hasMessage("two plugins have the id 'trace': dev.mountflow.plugins.trace.TracePlugin (built-in) and "
                        + Named.class.getName() + " (built-in)");
    }

    @Test
    void aMalformedIdIsRefused() {
        assertThatThrownBy(() -> PluginSet.of(new Named("Not An Id")))
                .isInstanceOf(InputException.class)
                .hasMessage("plugin " + Named.class.getName() + " (built-in) has the id 'Not An Id'; an id is lowercase"
                        + " letters and digits, words joined by '-'");
    }

    @Test
    void twoPluginsAddingOneOptionToACommandAreAnError() {
        PluginSet set = PluginSet.of(new WithOption("a"), new WithOption("b"));

        assertThatThrownBy(() -> set.options(PluginCommand.RESTORE))
                .isInstanceOf(InputException.class)
                .hasMessage("plugins 'a' and 'b' both add the option --same to restore");
    }

    @Test
    void activationHandsEachPluginItsOwnOptionsOnly() {
        PluginSet set = PluginSet.of(new WithOption("a"), new Named("b"));

        List<ActivePlugin> active = set.activate(PluginCommand.RESTORE, name -> name.equals("--same") ? List.of("x") : List.of());

        assertThat(active.get(0).options().value("--same")).contains("x");
        assertThat(active.get(1).options().isEmpty()).isTrue();
    }

    /** A plugin with an id and nothing else. */
    static class Named implements PipelinePlugin {
        private final String id;

        Named(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "test plugin " + id;
        }
    }

    static final class WithOption extends Named {
        WithOption(String id) {
            super(id);
        }

        @Override
        public List<PluginOption> options() {
            return List.of(PluginOption.value(PluginCommand.RESTORE, "--same", "X", "an option"));
        }
    }
}
