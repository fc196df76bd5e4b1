package dev.mountflow.cli;

import dev.mountflow.compare.CanonicalImage;
import dev.mountflow.compare.DiffRenderer;
import dev.mountflow.compare.Difference;
import dev.mountflow.compare.ImageComparator;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.error.InputException;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountflowVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow diff A B}: the canonical differences of B from A (DESIGN.md §6), each side an
 * image directory or, when the argument is all digits, a live process with its descendants.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two images or live processes canonically: mount trees, mount and superblock "
                + "fields, shared superblocks, peer groups and masters. Mount ids, device numbers and group "
                + "numbers do not matter.",
                "An argument of digits only is a process (with the namespaces of its descendants); any other "
                + "is an image directory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no differences", "1:differences, or a failure", "2:bad usage or input"})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "What is expected: an image directory or a pid.")
    String expected;

    @Parameters(index = "1", paramLabel = "B", description = "What is compared with it: an image directory or a pid.")
    String actual;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CanonicalImage a = canonical(expected);
        CanonicalImage b = canonical(actual);
        List<Difference> differences = new ImageComparator().compare(a, b);
        PrintWriter out = spec.commandLine().getOut();
        out.print(DiffRenderer.render(differences));
        out.flush();
        return differences.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static CanonicalImage canonical(String argument) throws IOException {
        MountImage image = isPid(argument) ? live(argument) : ImageDirectory.read(directory(argument));
        try {
            return CanonicalImage.of(image);
        } catch (IllegalArgumentException e) {
            throw new InputException("'" + argument + "': " + e.getMessage(), e);
        }
    }

    private static boolean isPid(String argument) {
        return !argument.isEmpty() && argument.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static MountImage live(String argument) {
        long pid;
        try {
            pid = Long.parseLong(argument);
        } catch (NumberFormatException e) {
            throw new InputException("process " + argument + " does not exist: the number is too large", e);
        }
        LiveNamespaceReader reader = new LiveNamespaceReader();
        return new Dumper(reader, MountflowVersion.get()).toImage(reader.read(pid, true));
    }

    private static Path directory(String argument) {
        try {
            return Path.of(argument);
        } catch (InvalidPathException e) {
            throw new InputException("'" + argument + "' is not a directory: " + e.getReason(), e);
        }
    }
}
