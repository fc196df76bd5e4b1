package dev.mountflow.cli;

import dev.mountflow.restore.EngineSelection;
import dev.mountflow.restore.PipelineRunner;
import dev.mountflow.restore.StageDescription;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow stages [--mount-engine NAME]}: each stage of a restore and what it leaves
 * behind, the plugins' own stages included.
 */
@Command(name = "stages", mixinStandardHelpOptions = true,
        description = "List the stages of a restore with an engine, each with the state it leaves behind.")
public final class StagesCommand extends EngineCommand implements Callable<Integer> {
    @Option(names = "--mount-engine", defaultValue = "v2", paramLabel = "NAME",
            description = "The engine, or auto for the one a restore here would take (default: ${DEFAULT-VALUE}).")
    String engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<StageDescription> stages = PipelineRunner.describe(
                engine.equals(EngineSelection.AUTO) ? chooseEngine(engine).engine() : engines().byName(engine),
                plugins().activate());
        int width = stages.stream().mapToInt(s -> s.id().length()).max().orElse(0);
        PrintWriter out = spec.commandLine().getOut();
        for (StageDescription stage : stages) {
            out.printf("%-" + width + "s  %s%n", stage.id(), stage.leavesBehind());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
