package dev.mountflow.cli;

import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.kernel.KernelNamespaces;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountflowVersion;
import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.spi.Kernel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow dump --pid PID -D DIR [--tree]}, plus the plugins' options
 * ({@code --external mnt[MOUNTPOINT]:KEY …}).
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Write the mount namespace of a process (and with --tree of its descendants) to an image directory.")
public final class DumpCommand extends PluginAwareCommand implements Callable<Integer> {
    @Option(names = {"-t", "--pid"}, required = true, paramLabel = "PID", description = "The process to dump.")
    long pid;

    @Option(names = {"-D", "--images-dir"}, required = true, paramLabel = "DIR", description = "Where to write the image.")
    Path dir;

    @Option(names = "--tree", description = "Also dump every distinct mount namespace among the process's descendants.")
    boolean tree;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Kernel kernel = JnrKernel.load();
        Dumper dumper = new Dumper(new LiveNamespaceReader(), MountflowVersion.get(), kernel, new KernelNamespaces(kernel),
                activePlugins(spec, PluginCommand.DUMP), line -> { });
        MountImage image = dumper.dump(new DumpRequest(pid, tree), dir);
        spec.commandLine().getOut().printf("dumped %d mount(s) in %d namespace(s) of process %d to %s%n",
                image.mountCount(), image.namespaces().size(), pid, dir);
        return ExitCodes.OK;
    }
}
