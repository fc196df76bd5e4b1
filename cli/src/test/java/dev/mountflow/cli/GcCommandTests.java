package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mountflow gc}; releasing real pins is covered with restore in {@link RestoreCommandTests}. */
class GcCommandTests {

    @Test
    void leavesFilesThatAreNoPinsAlone(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("1"));

        CommandRun run = CommandRun.of("gc", "--ns-dir", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("nothing left behind in " + dir + "\n");
        assertThat(dir.resolve("1")).exists();
    }

    @Test
    void aMissingDirectoryIsBadInput(@TempDir Path dir) {
        CommandRun run = CommandRun.of("gc", "--ns-dir", dir.resolve("none").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("mountflow: --ns-dir '" + dir.resolve("none") + "' is not a directory\n");
    }
}
