package dev.mountflow.cli;

import dev.mountflow.restore.EngineRegistry;
import java.util.function.Supplier;

/**
 * A command that works with mount engines (and plugins). They come from
 * {@link EngineRegistry#load()} (ServiceLoader) unless the command line was built with another
 * source, as tests do to add engines by hand without classpath scanning (like JUnit's
 * LauncherConfig).
 */
abstract class EngineCommand extends PluginAwareCommand {
    private Supplier<EngineRegistry> engines = EngineRegistry::load;

    final void useEngines(Supplier<EngineRegistry> source) {
        this.engines = source;
    }

    final EngineRegistry engines() {
        return engines.get();
    }
}
