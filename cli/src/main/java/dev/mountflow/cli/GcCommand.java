package dev.mountflow.cli;

import dev.mountflow.error.InputException;
import dev.mountflow.gc.GarbageCollector;
import dev.mountflow.gc.GarbageCollector.Found;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.plugin.PluginCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow gc [--ns-dir DIR] [-D DIR] [--dry-run]}, plus the plugins' options
 * ({@code --root DIR}): removes what interrupted dumps and restores left behind and reports each.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Remove what interrupted dumps and restores left behind: pinned namespaces in --ns-dir, "
                + "unfinished files and link remaps of the image in -D.")
public final class GcCommand extends PluginAwareCommand implements Callable<Integer> {
    @Option(names = "--ns-dir", paramLabel = "DIR", description = "A directory of namespace pins.")
    Path nsDir;

    @Option(names = {"-D", "--images-dir"}, paramLabel = "DIR", description = "An image directory.")
    Path imageDir;

    @Option(names = "--dry-run", description = "Only list what would be removed.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (nsDir == null && imageDir == null) {
            throw new InputException("gc needs --ns-dir DIR or -D DIR: where to look");
        }
        GarbageCollector gc = new GarbageCollector(JnrKernel.load(), activePlugins(spec, PluginCommand.GC));
        List<Found> found = gc.find(nsDir, imageDir);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (found.isEmpty()) {
            out.printf("nothing left behind in %s%n", places());
        }
        int failures = 0;
        for (Found f : found) {
            if (dryRun) {
                out.printf("would remove %s%n", f.describe());
                continue;
            }
            try {
                f.leftover().remove().run();
                out.printf("removed %s%n", f.describe());
            } catch (Exception e) {
                failures++;
                err.printf("mountflow: cannot remove %s: %s%n", f.describe(), e.getMessage());
            }
        }
        out.flush();
        err.flush();
        return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private String places() {
        List<String> places = new ArrayList<>();
        if (nsDir != null) {
            places.add(nsDir.toString());
        }
        if (imageDir != null) {
            places.add(imageDir.toString());
        }
        return String.join(" and ", places);
    }
}
