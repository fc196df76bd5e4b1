package dev.mountflow.cli;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.error.InputException;
import dev.mountflow.restore.EngineRegistry;
import dev.mountflow.restore.EngineSelection;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow check}: which kernel features work here, which engines can run, and which one
 * {@code --mount-engine auto} takes, found by trying each call inside a throwaway private namespace
 * (as {@code criu check} does). Exits 0 when at least one engine can run, 1 otherwise.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Probe the running kernel's mount API and report which mount engines can run here.")
public final class CheckCommand extends EngineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KernelFeatures features = features();
        EngineRegistry registry = engines();
        PrintWriter out = spec.commandLine().getOut();
        out.println("kernel " + System.getProperty("os.version"));
        int width = features.byName().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, FeatureStatus> e : features.byName().entrySet()) {
            out.printf("  %-" + width + "s  %s%n", e.getKey(), render(e.getValue()));
        }
        out.println("engines");
        boolean any = false;
        for (MountEngine engine : registry.engines()) {
            FeatureStatus status = engine.canRun(features);
            any |= status.available();
            out.printf("  %-" + width + "s  %s%n", engine.name(), render(status));
        }
        out.printf("  %-" + width + "s  %s%n", EngineSelection.AUTO, auto(registry, features));
        out.flush();
        return any ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static String auto(EngineRegistry registry, KernelFeatures features) {
        try {
            EngineSelection.Choice choice = EngineSelection.choose(EngineSelection.AUTO, registry, () -> features);
            return choice.engine().name() + (choice.fellBack() ? " (" + choice.reason() + ")" : "");
        } catch (InputException e) {
            return "no: " + e.getMessage();
        }
    }

    private static String render(FeatureStatus status) {
        return status.available() ? "yes" : "no: " + status.reason();
    }
}
