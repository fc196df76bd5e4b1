package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.image.ImageDirectory;
import dev.mountflow.model.MountImage;
import dev.mountflow.restore.EngineRegistry;
import dev.mountflow.restore.RestoreReport;
import dev.mountflow.restore.testengine.HostImages;
import dev.mountflow.restore.testengine.HostState;
import dev.mountflow.restore.testengine.TmpfsTestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mountflow restore} with the pipeline's tmpfs test engine (registered as a service on the
 * test classpath), which restores a private copy of the host plus tmpfs mounts under a temporary
 * directory. Each test reads the host's mount table and the JVM's threads back afterwards.
 */
class RestoreCommandTests {
    private static final EngineRegistry TEST_ENGINES =
            new EngineRegistry(List.of(new dev.mountflow.enginev2.V2Engine(), new TmpfsTestEngine()));

    @TempDir
    Path tmp;
    Path target;
    Path image;
    MountImage written;
    HostState host;

    @BeforeEach
    void setUp() throws Exception {
        target = Files.createDirectory(tmp.resolve("mnt"));
        image = tmp.resolve("img");
        written = HostImages.withTmpfsAt(target);
        ImageDirectory.write(image, written);
        host = HostState.capture();
    }

    @Test
    void restoresVerifiesSummarizesAndReleases() throws Exception {
        CommandRun run = CommandRun.withEngines(TEST_ENGINES, "restore", "-D", image.toString(), "--mount-engine", "test-tmpfs");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                restored 1 namespace(s) with %d mount(s) using engine 'test-tmpfs' (5 mount-changing call(s)); \
                verified equal to the image
                released the restored namespaces (keep them with --ns-dir DIR, or run a command inside with --exec CMD)
                """.formatted(written.mountCount()));
        host.assertUnchanged();
    }

    @Test
    void pinnedNamespaceIsEnteredWithNsenterAndGcReleasesIt() throws Exception {
        Path pins = Files.createDirectory(tmp.resolve("pins"));
        Path pin = pins.resolve("1");
        try {
            CommandRun run = CommandRun.withEngines(TEST_ENGINES, "restore", "-D", image.toString(), "--mount-engine", "test-tmpfs",
                    "--ns-dir", pins.toString());

            assertThat(run.err()).isEmpty();
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).endsWith("""
                    pinned namespace 1: nsenter --mount=%s
                    release with: mountflow gc --ns-dir %s
                    """.formatted(pin, pins));
            assertThat(output("nsenter", "--mount=" + pin, "cat", "/proc/self/mountinfo"))
                    .filteredOn(l -> l.contains(" " + target))
                    .map(l -> l.replaceFirst("^[0-9]+ [0-9]+ [0-9]+:[0-9]+ ", "").replaceAll("shared:[0-9]+", "shared:N"))
                    .containsExactly(
                            "/ " + target + " rw,relatime - tmpfs restored rw,size=1024k,mode=755",
                            "/ " + target + "/inner ro,relatime shared:N - tmpfs inner rw,size=1024k");
            String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
            assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).filteredOn(l -> l.contains(" " + pin + " "))
                    .singleElement().asString().contains(" - nsfs nsfs ").doesNotContain(namespace);

            CommandRun again = CommandRun.withEngines(TEST_ENGINES, "restore", "-D", image.toString(), "--mount-engine", "test-tmpfs",
                    "--ns-dir", pins.toString());
            assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(again.err()).startsWith("mountflow: '" + pin + "' already pins mount namespace mnt:[")
                    .endsWith("]; release it with mountflow gc --ns-dir " + pins + "\n");

            CommandRun dry = CommandRun.of("gc", "--ns-dir", pins.toString(), "--dry-run");
            assertThat(dry.out()).startsWith("would remove namespace pin '" + pin + "' (mnt:[");
            assertThat(pin).exists();
        } finally {
            CommandRun gc = CommandRun.of("gc", "--ns-dir", pins.toString());
            assertThat(gc.exitCode()).isZero();
            assertThat(gc.out()).matches("removed namespace pin " + java.util.regex.Pattern.quote("'" + pin + "'")
                    + " \\(mnt:\\[[0-9]+\\]\\)\n");
        }
        assertThat(pins).isEmptyDirectory();
        assertThat(CommandRun.of("gc", "--ns-dir", pins.toString()).out()).isEqualTo("nothing left behind in " + pins + "\n");
        host.assertUnchanged();
    }

    @Test
    void execRunsInsideTheRestoredNamespaceAndItsStatusIsTheExitCode() throws Exception {
        Path out = tmp.resolve("inside.txt");
        CommandRun run = CommandRun.withEngines(TEST_ENGINES, "restore", "-D", image.toString(), "--mount-engine", "test-tmpfs",
                "--exec", "sh", "-c", "grep -c ' " + target + "' /proc/self/mountinfo > " + out + "; exit 7");

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(Files.readString(out)).isEqualTo("2\n");
        host.assertUnchanged();
    }

    @Test
    void everythingAfterExecIsTheCommand() {
        RestoreCommand plain = parse("restore", "-D", "d", "--exec", "cat", "/proc/self/mountinfo");
        RestoreCommand options = parse("restore", "-D", "d", "--exec", "--", "grep", "-D", "skip", "--report", "x");

        assertThat(plain.command).containsExactly("cat", "/proc/self/mountinfo");
        assertThat(plain.dir).isEqualTo(Path.of("d"));
        assertThat(options.command).containsExactly("grep", "-D", "skip", "--report", "x");
        assertThat(options.report).isNull();
    }

    @Test
    void execOfCatShowsTheRestoredTable() throws Exception {
        CommandRun run = CommandRun.withEngines(TEST_ENGINES, "restore", "-D", image.toString(), "--mount-engine", "test-tmpfs",
                "--exec", "cat", "/proc/self/mountinfo");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        host.assertUnchanged();
    }

    @Test
    void aFailedStageIsExitOneOnOneLineAndTheReportMarksIt() throws Exception {
        Path report = tmp.resolve("report.json");
        CommandRun run = CommandRun.withEngines(TEST_ENGINES, "restore", "-D", image.toString(), "--mount-engine", "test-tmpfs",
                "--report", report.toString(), "--exec", "/nonexistent/command");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).isEqualTo("mountflow: restore failed in stage 'publish': Cannot run program "
                + "\"/nonexistent/command\": error=2, No such file or directory\n");
        RestoreReport written = RestoreReport.fromJson(Files.readString(report));
        assertThat(written.outcome()).isEqualTo("failed");
        assertThat(written.stages().get(written.stages().size() - 1).id()).isEqualTo("publish");
        assertThat(written.stages().get(written.stages().size() - 1).outcome()).isEqualTo("failed");
        host.assertUnchanged();
    }

    @Test
    void anUnknownEngineIsBadInputNamingTheKnownOnes() throws Exception {
        CommandRun run = CommandRun.withEngines(TEST_ENGINES, "restore", "-D", image.toString(), "--mount-engine", "nope");
        CommandRun real = CommandRun.of("restore", "-D", image.toString(), "--mount-engine", "nope");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("mountflow: unknown mount engine 'nope'; known engines: test-tmpfs, v2\n");
        assertThat(real.err()).isEqualTo("mountflow: unknown mount engine 'nope'; known engines: v1, v2\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void nsDirAndExecExcludeEachOther() {
        CommandRun run = CommandRun.withEngines(TEST_ENGINES, "restore", "-D", image.toString(), "--ns-dir", tmp.toString(), "--exec", "true");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("""
                mountflow: --ns-dir and --exec exclude each other: pin the namespaces or run a command in them
                Try 'mountflow restore --help' for more information.
                """);
    }

    @Test
    void refusedInputIsExitTwoBeforeAnyNamespaceExists() throws Exception {
        Path report = tmp.resolve("report.json");
        CommandRun noDir = CommandRun.withEngines(TEST_ENGINES, "restore", "-D", image.toString(), "--mount-engine", "test-tmpfs",
                "--ns-dir", tmp.resolve("none").toString(), "--report", report.toString());
        CommandRun unmapped = CommandRun.withEngines(TEST_ENGINES, "restore", "-D", image.toString(), "--mount-engine", "test-tmpfs",
                "--external", "mnt[data]:/srv");

        assertThat(noDir.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noDir.err()).isEqualTo("mountflow: --ns-dir '" + tmp.resolve("none") + "' is not a directory\n");
        assertThat(RestoreReport.fromJson(Files.readString(report)).stages())
                .extracting(RestoreReport.StageReport::id, RestoreReport.StageReport::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("validate", "failed"));
        assertThat(unmapped.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unmapped.err()).isEqualTo(
                "mountflow: plugin 'external-mounts': --external mnt[data]:/srv: the image has no external mount with key 'data'\n");
        host.assertUnchanged();
    }

    private static RestoreCommand parse(String... args) {
        CommandLine cl = MountflowCommand.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        return (RestoreCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static List<String> output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("%s: %s", List.of(command), text).isZero();
        return text.lines().toList();
    }
}
