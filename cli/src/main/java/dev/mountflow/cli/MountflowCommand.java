package dev.mountflow.cli;

import dev.mountflow.error.InputException;
import dev.mountflow.model.MountflowVersion;
import dev.mountflow.pluginset.PluginConfig;
import dev.mountflow.pluginset.PluginSet;
import dev.mountflow.restore.EngineRegistry;
import dev.mountflow.spi.KernelFeatures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
                StagesCommand.class, PluginsCommand.class, GcCommand.class, CheckCommand.class, DemoCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        exitCodeOnExecutionException = ExitCodes.FAILURE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure", "2:bad usage or input"})
public final class MountflowCommand implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    // Read before parsing by PluginArguments, since the plugins decide which options exist;
    // declared so that the parser accepts them anywhere.
    @Option(names = PluginArguments.PLUGIN_PATH, scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Load the plugins in every jar in DIR.")
    List<Path> pluginPath = new ArrayList<>();

    @Option(names = PluginArguments.DISABLE_PLUGIN, scope = ScopeType.INHERIT, paramLabel = "ID",
            description = "Do not use the plugin ID.")
    List<String> disabledPlugins = new ArrayList<>();

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
        return commandLine(engines, null, PluginConfig.defaults());
    }

    /**
     * The same, and with what the kernel can do taken from {@code features} instead of a probe
     * (null: probe), so tests can stand for a kernel that lacks a call.
     */
    public static CommandLine commandLine(Supplier<EngineRegistry> engines, Supplier<KernelFeatures> features) {
        return commandLine(engines, features, PluginConfig.defaults());
    }

    /** The same with the plugins of {@code plugins} and the plugin options of {@code args}; see below. */
    public static CommandLine commandLine(Supplier<EngineRegistry> engines, PluginConfig plugins, String... args) {
        return commandLine(engines, null, plugins, args);
    }

    /**
     * A command line for {@code args}: the plugins of {@code plugins}, plus those of the
     * {@code --plugin-path} directories and minus the {@code --disable-plugin} ids in {@code args},
     * with their options added to the commands they extend; engines from {@code engines}, kernel
     * features from {@code features} (null: probe).
     */
    public static CommandLine commandLine(Supplier<EngineRegistry> engines, Supplier<KernelFeatures> features,
                                          PluginConfig plugins, String... args) {
        PluginArguments given = PluginArguments.scan(args);
        PluginSet loaded = PluginSet.empty();
        RuntimeException failure = null;
        try {
            loaded = plugins.with(given.pluginPath(), given.disabled()).load();
        } catch (InputException e) {
            failure = e;
        }
        PluginSet set = loaded;
        RuntimeException loadFailure = failure;
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
                if (made instanceof PluginAwareCommand command) {
                    command.usePlugins(set, loadFailure);
                }
                return made;
            }
        });
        if (loadFailure == null) {
            try {
                PluginOptionSpecs.add(cl, set);
            } catch (InputException e) {
                for (CommandLine sub : cl.getSubcommands().values()) {
                    if (sub.getCommand() instanceof PluginAwareCommand command) {
                        command.usePlugins(PluginSet.empty(), e);
                    }
                }
            }
        }
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
