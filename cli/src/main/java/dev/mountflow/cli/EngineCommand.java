package dev.mountflow.cli;

import dev.mountflow.kernel.FeatureProbe;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.restore.EngineRegistry;
import dev.mountflow.restore.EngineSelection;
import dev.mountflow.spi.KernelFeatures;
import java.util.function.Supplier;

/**
 * A command that works with mount engines (and plugins). They come from
 * {@link EngineRegistry#load()} (ServiceLoader), and what the kernel can do from a
 * {@link FeatureProbe}, unless the command line was built with other sources, as tests do to add
 * engines by hand without classpath scanning (like JUnit's LauncherConfig) or to stand for a
 * kernel without some call.
 */
abstract class EngineCommand extends PluginAwareCommand {
    private Supplier<EngineRegistry> engines = EngineRegistry::load;
    private Supplier<KernelFeatures> features = () -> new FeatureProbe(JnrKernel.load()).probe();

    final void useEngines(Supplier<EngineRegistry> source) {
        this.engines = source;
    }

    final void useFeatures(Supplier<KernelFeatures> source) {
        this.features = source;
    }

    final EngineRegistry engines() {
        return engines.get();
    }

    final KernelFeatures features() {
        return features.get();
    }

    /** {@code --mount-engine NAME|auto} resolved against the engines and this kernel. */
    final EngineSelection.Choice chooseEngine(String requested) {
        return EngineSelection.choose(requested, engines(), this::features);
    }
}
