package dev.mountflow.cli;

import dev.mountflow.bench.Bench;
import dev.mountflow.bench.BenchOptions;
import dev.mountflow.bench.DirectSyscallRestorer;
import dev.mountflow.bench.FloorProgram;
import dev.mountflow.bench.PipelineRestorer;
import dev.mountflow.bench.Restorer;
import dev.mountflow.kernel.JnrKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow bench --mounts N[,N…] --layout flat|binds|nested|groups|all [--runs K]
 * [--mount-engine NAME]}: one engine's restore of synthetic layouts, timed per stage, beside the
 * raw-syscall floor (bench/src/main/c/mountfloor.c) doing the same mounts.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time an engine's restore of synthetic layouts against the raw-syscall floor.")
public final class BenchCommand extends EngineCommand implements Callable<Integer> {
    @Option(names = "--mounts", required = true, paramLabel = "N[,N...]", description = "Mounts per layout.")
    String mounts;

    @Option(names = "--layout", defaultValue = "all", paramLabel = "LAYOUT",
            description = "flat, binds, nested, groups or all (comma-separated).")
    String layout;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "K", description = "Timed runs per row; medians are reported.")
    int runs;

    @Option(names = "--mount-engine", defaultValue = "v2", paramLabel = "NAME",
            description = "The engine to time, or 'direct' for the harness's own syscall restorer.")
    String engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--mounts", mounts, "--layout", layout, "--runs", Integer.toString(runs)));
        BenchOptions options;
        try {
            options = BenchOptions.parse(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Restorer restorer = engine.equals("direct")
                ? DirectSyscallRestorer.load()
                : new PipelineRestorer(engines().byName(engine), JnrKernel.load());
        new Bench(FloorProgram.build(), restorer).run(options).render(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
