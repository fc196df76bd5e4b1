package dev.mountflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import dev.mountflow.restore.EngineRegistry;
import picocli.CommandLine;

/** One in-process run of the mountflow CLI with its exit code and both output streams. */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun of(String... args) {
        return run(MountflowCommand.commandLine(), args);
    }

    /** A run whose mount engines are exactly {@code registry}'s (e.g. with a test engine added). */
    static CommandRun withEngines(EngineRegistry registry, String... args) {
        return run(MountflowCommand.commandLine(() -> registry), args);
    }

    private static CommandRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
