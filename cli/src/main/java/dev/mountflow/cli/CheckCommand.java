package dev.mountflow.cli;

import dev.mountflow.kernel.FeatureProbe;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow check}: which kernel features work here and which engines can run, found by
 * trying each call inside a throwaway private namespace (as {@code criu check} does).
 * Exits 0 when at least one engine can run, 1 otherwise.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Probe the running kernel's mount API and report which mount engines can run here.")
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KernelFeatures features = new FeatureProbe(JnrKernel.load()).probe();
        PrintWriter out = spec.commandLine().getOut();
        out.println("kernel " + System.getProperty("os.version"));
        int width = features.byName().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, FeatureStatus> e : features.byName().entrySet()) {
            out.printf("  %-" + width + "s  %s%n", e.getKey(), render(e.getValue()));
        }
        FeatureStatus v1 = features.canRunV1();
        FeatureStatus v2 = features.canRunV2();
        out.println("engines");
        out.printf("  %-" + width + "s  %s%n", "v1 (legacy)", render(v1));
        out.printf("  %-" + width + "s  %s%n", "v2 (mount-v2)", render(v2));
        out.flush();
        return v1.available() || v2.available() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static String render(FeatureStatus status) {
        return status.available() ? "yes" : "no: " + status.reason();
    }
}
