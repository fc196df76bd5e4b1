package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.MountflowVersion;
import org.junit.jupiter.api.Test;

class MountflowCommandTests {

    @Test
    void versionNamesTheBuild() {
        CommandRun run = CommandRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("mountflow " + MountflowVersion.get() + "\n");
        assertThat(MountflowVersion.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: mountflow", "dump", "show", "diff", "check", "demo",
                "Exit codes:", "0   ok", "1   failure", "2   bad usage or input");
    }

    @Test
    void anUnknownOptionIsBadUsageWithAHint() {
        CommandRun run = CommandRun.of("dump", "--pid", "1", "-D", "/nonexistent", "--bogus");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("""
                mountflow: Unknown option: '--bogus'
                Try 'mountflow dump --help' for more information.
                """);
    }

    @Test
    void aMissingRequiredOptionIsBadUsage() {
        CommandRun run = CommandRun.of("dump", "--pid", "1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("""
                mountflow: Missing required option: '--images-dir=DIR'
                Try 'mountflow dump --help' for more information.
                """);
    }

    @Test
    void verbosePrintsTheStackTraceAfterTheOneLineError() {
        CommandRun quiet = CommandRun.of("dump", "--pid", "2147483646", "-D", "/nonexistent/img");
        CommandRun verbose = CommandRun.of("dump", "--verbose", "--pid", "2147483646", "-D", "/nonexistent/img");

        assertThat(quiet.err()).isEqualTo("mountflow: process 2147483646 does not exist\n");
        assertThat(verbose.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(verbose.err()).startsWith("mountflow: process 2147483646 does not exist\n"
                + "dev.mountflow.error.InputException: process 2147483646 does not exist\n\tat ");
    }
}
