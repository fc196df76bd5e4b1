package dev.mountflow.cli;

import dev.mountflow.bench.Bench;
import dev.mountflow.bench.BenchOptions;
import dev.mountflow.bench.DirectSyscallRestorer;
import dev.mountflow.bench.FloorProgram;
import dev.mountflow.bench.PipelineRestorer;
import dev.mountflow.bench.Restorer;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.restore.EngineRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow bench --mounts N[,N…] --layout flat|binds|nested|groups|all [--runs K]
 * [--warmup W] [--mount-engine NAME[,NAME…]|all]}: engines' restores of synthetic layouts, timed
 * per stage, side by side and beside the raw-syscall floor (bench/src/main/c/mountfloor.c)
 * doing the same mounts.
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

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "W",
            description = "Untimed runs per row first, so the JIT has compiled the hot paths; more (up to 4W) while it still compiles.")
    int warmup;

    @Option(names = "--mount-engine", defaultValue = "all", paramLabel = "NAME[,NAME...]",
            description = "The engines to time side by side: names, 'all' (every engine found), "
                    + "or 'direct' for the harness's own syscall restorer.")
    String engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--mounts", mounts, "--layout", layout, "--runs", Integer.toString(runs),
                "--warmup", Integer.toString(warmup)));
        BenchOptions options;
        try {
            options = BenchOptions.parse(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Restorer> restorers = restorers();
        new Bench(FloorProgram.build(), restorers).run(options).render(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private List<Restorer> restorers() {
        EngineRegistry registry = engines();
        List<String> names = engine.equals("all") ? registry.names() : List.of(engine.split(","));
        List<Restorer> restorers = new ArrayList<>();
        for (String name : names) {
            restorers.add(name.equals("direct") ? DirectSyscallRestorer.load()
                    : new PipelineRestorer(registry.byName(name), JnrKernel.load()));
        }
        return restorers;
    }
}
