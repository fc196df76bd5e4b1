package dev.mountflow.cli;

import dev.mountflow.error.InputException;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.restore.NamespacePins;
import dev.mountflow.restore.NamespacePins.Pin;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mountflow gc --ns-dir DIR [--dry-run]}: releases the namespaces {@code restore --ns-dir} pinned. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Release the mount namespaces pinned in a directory and remove their files.")
public final class GcCommand implements Callable<Integer> {
    @Option(names = "--ns-dir", required = true, paramLabel = "DIR", description = "The directory of pins.")
    Path dir;

    @Option(names = "--dry-run", description = "Only list what would be released.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new InputException("--ns-dir '" + dir + "' is not a directory");
        }
        NamespacePins pins = new NamespacePins(JnrKernel.load());
        List<Pin> pinned = pins.pinned(dir);
        PrintWriter out = spec.commandLine().getOut();
        if (pinned.isEmpty()) {
            out.printf("no mount namespace pins in %s%n", dir);
        }
        for (Pin pin : pinned) {
            if (!dryRun) {
                pins.release(pin);
            }
            out.printf("%s %s (%s)%n", dryRun ? "would release" : "released", pin.file(), pin.namespace());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
