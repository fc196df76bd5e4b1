package dev.mountflow.cli;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.kernel.FaultHook;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.model.MountImage;
import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.restore.CanonicalVerifier;
import dev.mountflow.restore.EngineSelection;
import dev.mountflow.restore.PipelineRunner;
import dev.mountflow.restore.Publication;
import dev.mountflow.restore.RestoreJob;
import dev.mountflow.restore.RestoreResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow restore -D DIR [--mount-engine v1|v2|auto] [--root DIR] [--create-mountpoints]
 * [--ns-dir DIR | --exec CMD ARGS…] [--report FILE]}, plus the plugins' options
 * ({@code --external mnt[KEY]:PATH…}, {@code --trace FILE}). With {@code --exec} the exit status
 * is the command's.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Rebuild the mount namespaces of an image, verify them, and pin them or run a command inside.")
public final class RestoreCommand extends EngineCommand implements Callable<Integer> {
    @Option(names = {"-D", "--images-dir"}, required = true, paramLabel = "DIR", description = "The image directory.")
    Path dir;

    @Option(names = "--mount-engine", defaultValue = EngineSelection.AUTO, paramLabel = "v1|v2|auto",
            description = "The engine that rebuilds the namespaces; auto takes v2 where this kernel can run it, "
                    + "else v1 (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--root", paramLabel = "DIR", description = "The content of the root namespace's root mount.")
    Path root;

    @Option(names = "--create-mountpoints", description = "Create mountpoints missing from host-backed content.")
    boolean createMountpoints;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the per-stage report as JSON, also on failure.")
    Path report;

    @Spec
    CommandSpec spec;

    @Option(names = "--ns-dir", paramLabel = "DIR",
            description = "Pin each restored namespace as DIR/<id>, for nsenter --mount=DIR/<id>.")
    Path nsDir;

    // Not an exclusive ArgGroup with --ns-dir: picocli does not see a match made by a parameter consumer.
    @Option(names = "--exec", arity = "1..*", paramLabel = "CMD", parameterConsumer = RestOfLine.class,
            description = "Run CMD with the remaining arguments (all of them) inside the restored root namespace; "
                    + "exit with its status.")
    List<String> command;

    /** Everything after {@code --exec} (after an optional {@code --}) is the command, options included. */
    static final class RestOfLine implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            if (!args.isEmpty() && args.peek().equals("--")) {
                args.pop();
            }
            List<String> command = new ArrayList<>();
            while (!args.isEmpty()) {
                command.add(args.pop());
            }
            if (command.isEmpty()) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(), "--exec needs a command");
            }
            argSpec.setValue(command);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (nsDir != null && command != null) {
            throw new ParameterException(spec.commandLine(),
                    "--ns-dir and --exec exclude each other: pin the namespaces or run a command in them");
        }
        EngineSelection.Choice choice = chooseEngine(engine);
        MountEngine mountEngine = choice.engine();
        if (choice.fellBack()) {
            warn(choice.reason());
        } else {
            progressLog().accept(choice.reason());
        }
        MountImage image = ImageDirectory.read(dir);
        RestoreRequest request = new RestoreRequest(root, Map.of(), createMountpoints);
        PipelineRunner runner = new PipelineRunner(FaultHook.apply(JnrKernel.load()), new CanonicalVerifier(), progressLog(),
                activePlugins(spec, PluginCommand.RESTORE));
        try (RestoreResult result = runner.run(mountEngine, new RestoreJob(image, dir, request, publication(), report))) {
            if (result.exitStatus().isPresent()) {
                return result.exitStatus().getAsInt();
            }
            summarize(image, result, mountEngine.name());
        }
        return ExitCodes.OK;
    }

    private void warn(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("mountflow: " + line);
        err.flush();
    }

    /** With {@code --verbose}, each stage's start and end on standard error. */
    private java.util.function.Consumer<String> progressLog() {
        boolean verbose = spec.parent() != null && spec.parent().userObject() instanceof MountflowCommand top && top.verbose;
        PrintWriter err = spec.commandLine().getErr();
        return verbose ? line -> {
            err.println("mountflow: " + line);
            err.flush();
        } : line -> { };
    }

    private Publication publication() {
        if (nsDir != null) {
            return new Publication.PinIn(nsDir);
        }
        return command != null ? new Publication.Exec(command) : new Publication.Release();
    }

    private void summarize(MountImage image, RestoreResult result, String engineName) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("restored %d namespace(s) with %d mount(s) using engine '%s' (%d mount-changing call(s)); "
                        + "verified equal to the image%n", result.namespaces().size(), image.mountCount(), engineName,
                result.report().total().mountsTouched());
        if (result.pins().isEmpty()) {
            out.println("released the restored namespaces (keep them with --ns-dir DIR, or run a command inside with --exec CMD)");
        } else {
            for (Path pin : result.pins()) {
                out.printf("pinned namespace %s: nsenter --mount=%s%n", pin.getFileName(), pin);
            }
            out.printf("release with: mountflow gc --ns-dir %s%n", nsDir);
        }
        out.flush();
    }
}
