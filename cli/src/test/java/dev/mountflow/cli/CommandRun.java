package dev.mountflow.cli;

import dev.mountflow.pluginset.PluginConfig;
import dev.mountflow.restore.EngineRegistry;
import dev.mountflow.spi.KernelFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** One run of the mountflow CLI with its exit code and both output streams. */
record CommandRun(int exitCode, String out, String err) {
    private static final long SEPARATE_JVM_TIMEOUT_SECONDS = 60;

    static CommandRun of(String... args) {
        return run(MountflowCommand.commandLine(EngineRegistry::load, PluginConfig.defaults(), args), args);
    }

    /** A run whose mount engines are exactly {@code registry}'s (e.g. with a test engine added). */
    static CommandRun withEngines(EngineRegistry registry, String... args) {
        return run(MountflowCommand.commandLine(() -> registry, PluginConfig.defaults(), args), args);
    }

    /** A run whose plugins are those of {@code plugins} (e.g. only plugins made by the test). */
    static CommandRun withPlugins(PluginConfig plugins, String... args) {
        return run(MountflowCommand.commandLine(EngineRegistry::load, plugins, args), args);
    }

    /** As on a kernel whose probe finds {@code features}: the real engines, no probe run. */
    static CommandRun onKernel(KernelFeatures features, String... args) {
        return run(MountflowCommand.commandLine(EngineRegistry::load, () -> features), args);
    }

    private static CommandRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /**
     * A run of {@code dev.mountflow.cli.Main} in a new JVM on this JVM's class path, as a user runs
     * the command: its own process, its own threads and namespaces, its real exit status.
     */
    static CommandRun inSeparateJvm(String... args) throws IOException, InterruptedException {
        return inSeparateJvm(List.of(), args);
    }

    /** As {@link #inSeparateJvm(String...)}, the JVM started through {@code launcher} (e.g. nsenter and its options). */
    static CommandRun inSeparateJvm(List<String> launcher, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // No hsperfdata file in /tmp: the tests check /tmp is left as found.
                "-XX:-UsePerfData",
                // A command lives about a second: C1 only and the serial collector halve its start-up
                // and change nothing it does.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        // Both pipes drained at once, so a command filling one cannot stall on it.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
        if (!p.waitFor(SEPARATE_JVM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
            throw new IllegalStateException("mountflow " + String.join(" ", args) + " did not end within "
                    + SEPARATE_JVM_TIMEOUT_SECONDS + " s; stdout:\n" + out.join() + "stderr:\n" + err.join());
        }
        return new CommandRun(p.exitValue(), out.join(), err.join());
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
