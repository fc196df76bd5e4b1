package dev.mountflow.cli;

import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginOption;
import dev.mountflow.pluginset.LoadedPlugin;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow plugins}: the loaded plugins, where each came from, the options it adds and
 * where it acts in a dump, a restore and gc.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the loaded plugins, where they come from, their options and the stages they touch.")
public final class PluginsCommand extends PluginAwareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<LoadedPlugin> loaded = plugins().plugins();
        if (loaded.isEmpty()) {
            out.println("no plugins loaded");
        }
        for (LoadedPlugin p : loaded) {
            PipelinePlugin plugin = p.plugin();
            out.printf("%s (%s)%n", p.id(), p.origin());
            out.printf("  %s%n", plugin.description());
            List<String> options = new ArrayList<>();
            for (PluginOption o : plugin.options()) {
                options.add(o.command().commandName() + " " + o.name() + (o.paramLabel().isEmpty() ? "" : " " + o.paramLabel()));
            }
            if (!options.isEmpty()) {
                out.printf("  options: %s%n", String.join("; ", options));
            }
            List<String> touches = new ArrayList<>(plugin.dumpHooks().touches());
            touches.addAll(plugin.restoreHooks().touches());
            out.printf("  acts at: %s%n", touches.isEmpty() ? "gc only" : String.join(", ", touches));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
