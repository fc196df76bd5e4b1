package dev.mountflow.cli;

import dev.mountflow.cli.render.MountListRenderer;
import dev.mountflow.cli.render.MountTreeRenderer;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.image.ImageJson;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountflowVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mountflow show (-D DIR | --pid PID) [--tree | --list | --json]}, in the manner of findmnt. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show the mounts of an image directory or of a live process.")
public final class ShowCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = {"-D", "--images-dir"}, paramLabel = "DIR", description = "An image directory.")
        Path dir;

        @Option(names = {"-t", "--pid"}, paramLabel = "PID", description = "A live process.")
        Long pid;
    }

    static final class Format {
        @Option(names = "--tree", description = "Mount tree per namespace (default).")
        boolean tree;

        @Option(names = "--list", description = "Flat list with ids, parents and devices.")
        boolean list;

        @Option(names = "--json", description = "The whole image as JSON.")
        boolean json;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Format format = new Format();

    @Option(names = "--descendants", description = "With --pid: also the namespaces of the process's descendants.")
    boolean descendants;

    @Spec
    CommandSpec spec;

    private static MountImage live(long pid, boolean descendants) {
        LiveNamespaceReader reader = new LiveNamespaceReader();
        return new Dumper(reader, MountflowVersion.get()).toImage(reader.read(pid, descendants));
    }

    @Override
    public Integer call() throws IOException {
        if (descendants && source.pid == null) {
            throw new ParameterException(spec.commandLine(), "--descendants needs --pid");
        }
        MountImage image = source.dir != null
                ? ImageDirectory.read(source.dir)
                : live(source.pid, descendants);
        PrintWriter out = spec.commandLine().getOut();
        if (format.json) {
            out.println(ImageJson.write(image));
            out.flush();
        } else if (format.list) {
            new MountListRenderer().render(image, out);
        } else {
            new MountTreeRenderer().render(image, out);
        }
        return ExitCodes.OK;
    }
}
