package dev.mountflow.cli;

import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.ExternalMountSpec;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountflowVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mountflow dump --pid PID -D DIR [--tree] [--external mnt[MOUNTPOINT]:KEY …]}. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Write the mount namespace of a process (and with --tree of its descendants) to an image directory.")
public final class DumpCommand implements Callable<Integer> {
    @Option(names = {"-t", "--pid"}, required = true, paramLabel = "PID", description = "The process to dump.")
    long pid;

    @Option(names = {"-D", "--images-dir"}, required = true, paramLabel = "DIR", description = "Where to write the image.")
    Path dir;

    @Option(names = "--tree", description = "Also dump every distinct mount namespace among the process's descendants.")
    boolean tree;

    @Option(names = "--external", paramLabel = "mnt[MOUNTPOINT]:KEY",
            description = "Mark the mount at MOUNTPOINT external: restore binds the host path mapped to KEY there.")
    List<String> externals = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<ExternalMountSpec> specs = externals.stream().map(ExternalMountSpec::parse).toList();
        MountImage image = new Dumper(new LiveNamespaceReader(), MountflowVersion.get())
                .dump(new DumpRequest(pid, tree, specs), dir);
        spec.commandLine().getOut().printf("dumped %d mount(s) in %d namespace(s) of process %d to %s%n",
                image.mountCount(), image.namespaces().size(), pid, dir);
        return ExitCodes.OK;
    }
}
