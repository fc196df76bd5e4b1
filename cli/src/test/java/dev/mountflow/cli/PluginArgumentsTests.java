package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plugin options found before parsing, anywhere before the command a restore runs. */
class PluginArgumentsTests {

    @Test
    void findsPathsAndDisabledIdsInBothSpellingsAndStopsAtExec() {
        PluginArguments found = PluginArguments.scan("--plugin-path", "/p1", "restore", "--plugin-path=/p2",
                "--disable-plugin", "trace", "--disable-plugin=gc", "--exec", "tool", "--plugin-path", "/not-ours");

        assertThat(found.pluginPath()).containsExactly(Path.of("/p1"), Path.of("/p2"));
        assertThat(found.disabled()).containsExactly("trace", "gc");
    }

    @Test
    void aTrailingOptionWithoutValueIsLeftToTheParser() {
        assertThat(PluginArguments.scan("plugins", "--plugin-path")).isEqualTo(new PluginArguments(List.of(), List.of()));
    }
}
