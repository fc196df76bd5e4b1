package dev.mountflow.cli;

import dev.mountflow.error.InputException;
import dev.mountflow.restore.EngineRegistry;
import dev.mountflow.spi.KernelFeatures;
import java.util.function.Supplier;
import dev.mountflow.model.MountflowVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code mountflow}: capture the mount namespaces of running processes into an image and rebuild
 * them. Errors print as one line ({@code mountflow: …}); {@code --verbose} adds the stack trace.
 * Exit codes: 0 ok, 1 failure, 2 bad usage or input.
 */
@Command(
        name = "mountflow",
        mixinStandardHelpOptions = true,
        versionProvider = MountflowCommand.Version.class,
        description = "Capture Linux mount namespaces into CRIU-compatible images and rebuild them.",
        subcommands = {DumpCommand.class, ShowCommand.class, RestoreCommand.class, DiffCommand.class,
                StagesCommand.class, GcCommand.class, CheckCommand.class, DemoCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        exitCodeOnExecutionException = ExitCodes.FAILURE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure", "2:bad usage or input"})
public final class MountflowCommand implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line with mountflow's error handling: one line per error and our exit codes. */
    public static CommandLine commandLine() {
        return commandLine(EngineRegistry::load);
    }

    /** The same, with the mount engines taken from {@code engines} instead of ServiceLoader. */
    public static CommandLine commandLine(Supplier<EngineRegistry> engines) {
        return commandLine(engines, null);
    }

    /**
     * The same, and with what the kernel can do taken from {@code features} instead of a probe
     * (null: probe), so tests can stand for a kernel that lacks a call.
     */
    public static CommandLine commandLine(Supplier<EngineRegistry> engines, Supplier<KernelFeatures> features) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(new MountflowCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = defaults.create(type);
                if (made instanceof EngineCommand command) {
                    command.useEngines(engines);
                    if (features != null) {
                        command.useFeatures(features);
                    }
                }
                return made;
            }
        });
        cl.setExecutionExceptionHandler(MountflowCommand::onError);
        cl.setParameterExceptionHandler(MountflowCommand::onBadUsage);
        return cl;
    }

    private static int onError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println("mountflow: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        if (isVerbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof InputException ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
    }

    private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("mountflow: " + e.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** Reports the version the build stamped into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mountflow " + MountflowVersion.get(),
                    "Java " + Runtime.version() + " on " + System.getProperty("os.name") + " "
                            + System.getProperty("os.version")};
        }
    }
}
