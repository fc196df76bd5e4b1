package dev.mountflow.image;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs CRIU's image tool {@code crit} (Debian package {@code criu}). Where it is not installed
 * the calling test is skipped, except on CI ({@code CI=true}), where that is a failure: the
 * compatibility tests must not pass there by not running.
 */
final class Crit {
    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;

    private Crit(Path executable) {
        this.executable = executable;
    }

    /** The installed crit, or a skipped (locally) or failed (on CI) test. */
    static Crit require() {
        Path found = locate();
        if (found == null) {
            String reason = "crit is not on PATH; install Debian's criu package to run the CRIU "
                    + "compatibility tests";
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + " (CI=true requires them)");
            }
            assumeTrue(false, reason);
        }
        return new Crit(found);
    }

    private static Path locate() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "crit");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * Runs {@code crit args...}, with {@code scratch} for its output, and returns its standard
     * output; a non-zero exit or a hang fails the test with crit's standard error.
     */
    String run(Path scratch, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        Path out = scratch.resolve("crit.out");
        Path err = scratch.resolve("crit.err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // crit is Python: keep it from writing bytecode caches anywhere.
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("%s did not finish in %d seconds", command, TIMEOUT_SECONDS);
        }
        if (process.exitValue() != 0) {
            fail("%s exited with %d: %s", command, process.exitValue(), Files.readString(err));
        }
        return Files.readString(out);
    }
}
