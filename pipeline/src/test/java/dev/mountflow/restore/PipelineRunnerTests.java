package dev.mountflow.restore;

import dev.mountflow.pin.NamespacePins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.kernel.FaultInjectingKernel;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.restore.RestoreReport.StageReport;
import dev.mountflow.restore.testengine.FailAfter;
import dev.mountflow.restore.testengine.StageAround;
import dev.mountflow.restore.testengine.HostImages;
import dev.mountflow.restore.testengine.HostState;
import dev.mountflow.restore.testengine.TmpfsTestEngine;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.validate.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runner with {@link TmpfsTestEngine}, whose stages really mount inside a private namespace.
 * Each test reads back the kernel's state: the restored namespace's mountinfo while it lives, and
 * afterwards the host's mount table and the namespaces of the JVM's threads.
 */
class PipelineRunnerTests {
    static final Kernel KERNEL = JnrKernel.load();

    @TempDir
    Path tmp;
    Path target;
    MountImage image;
    HostState host;

    @BeforeEach
    void setUp() throws IOException {
        target = Files.createDirectory(tmp.resolve("mnt"));
        image = HostImages.withTmpfsAt(target);
        host = HostState.capture();
    }

    @Test
    void runsTheEngineStagesInOrderThenVerifyAndPublishAndHandsOverTheNamespace() throws Exception {
        TmpfsTestEngine engine = new TmpfsTestEngine();
        try (RestoreResult result = runner(KERNEL).run(engine, job(Publication.release(), null))) {
            assertThat(result.report().stages()).extracting(StageReport::id).containsExactlyElementsOf(StageIds.ALL);
            assertThat(result.report().outcome()).isEqualTo("ok");
            assertThat(result.namespaces()).hasSize(1);
            assertThat(Files.readAllLines(result.namespaces().get(0).thread().mountInfoPath()))
                    .filteredOn(l -> l.contains(" " + target))
                    .map(PipelineRunnerTests::withoutIds)
                    .containsExactly(
                            "/ " + target + " rw,relatime - tmpfs restored rw,size=1024k,mode=755",
                            "/ " + target + "/inner ro,relatime shared:N - tmpfs inner rw,size=1024k");
            assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).noneMatch(l -> l.contains(target.toString()));
            assertThat(result.exitStatus()).isEmpty();
            assertThat(result.pins()).isEmpty();
        }
        host.assertUnchanged();
        assertThat(engine.last().undone()).isEmpty();
    }

    @Test
    void refusesAnEngineWhoseStagesAreNotThePipelines() throws Exception {
        TmpfsTestEngine engine = new TmpfsTestEngine(stages -> List.of(stages.get(0), stages.get(1), stages.get(3),
                stages.get(2), stages.get(4), stages.get(5), stages.get(6)));

        assertThatThrownBy(() -> runner(KERNEL).run(engine, job(Publication.release(), null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("mount engine 'test-tmpfs' (dev.mountflow.restore.testengine.TmpfsTestEngine) returned the "
                        + "stages [validate, pre-create-namespaces, assemble, populate-tree, restore-sharing-groups, "
                        + "remount-read-only, cleanup-deleted-sources] but must return [validate, pre-create-namespaces, "
                        + "populate-tree, assemble, restore-sharing-groups, remount-read-only, cleanup-deleted-sources], "
                        + "in this order");
        host.assertUnchanged();
    }

    @Test
    void anInvalidImageIsRefusedBeforeAnyNamespaceExists() throws Exception {
        TmpfsTestEngine engine = new TmpfsTestEngine();
        MountImage empty = new MountImage(1, "test", List.of(new MountNamespace(1, 0, 0, List.of())));

        ValidationException e = catchThrowableOfType(ValidationException.class, () -> runner(KERNEL).run(engine,
                new RestoreJob(empty, tmp, RestoreRequest.empty(), Publication.release(), null)));

        assertThat(e.getMessage()).isEqualTo("""
                image is invalid: 1 problem(s)
                namespace 1, mounts: the namespace has no mounts""");
        assertThat(engine.last().undone()).isEmpty();
        host.assertUnchanged();
    }

    static List<Object[]> failingStages() {
        return List.of(
                new Object[] {StageIds.VALIDATE, List.of()},
                new Object[] {StageIds.PRE_CREATE_NAMESPACES, List.of("close namespace")},
                new Object[] {StageIds.POPULATE_TREE, List.of("umount 'T'", "close namespace")},
                new Object[] {StageIds.ASSEMBLE, List.of("umount 'T/inner'", "rmdir 'T/inner'", "umount 'T'",
                        "close namespace")},
                new Object[] {StageIds.RESTORE_SHARING_GROUPS, List.of("private 'T/inner'", "umount 'T/inner'",
                        "rmdir 'T/inner'", "umount 'T'", "close namespace")},
                new Object[] {StageIds.REMOUNT_READ_ONLY, List.of("read-write 'T/inner'", "private 'T/inner'",
                        "umount 'T/inner'", "rmdir 'T/inner'", "umount 'T'", "close namespace")},
                new Object[] {StageIds.CLEANUP_DELETED_SOURCES, List.of("read-write 'T/inner'", "private 'T/inner'",
                        "umount 'T/inner'", "rmdir 'T/inner'", "umount 'T'", "close namespace")});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingStages")
    void aFailureInAStageUnwindsEverythingInReverse(String stage, List<String> undone) throws Exception {
        TmpfsTestEngine engine = new TmpfsTestEngine(FailAfter.stage(stage));

        RestoreFailedException e = catchThrowableOfType(RestoreFailedException.class,
                () -> runner(KERNEL).run(engine, job(Publication.release(), null)));

        assertThat(e.getMessage()).isEqualTo("restore failed in stage '" + stage + "': injected failure after " + stage);
        assertThat(e.stage()).isEqualTo(stage);
        // umount2 without MNT_DETACH fails (EBUSY) under a mount still there: no suppressed failure means the order held.
        assertThat(e.getSuppressed()).isEmpty();
        assertThat(engine.last().undone()).map(this::relative).containsExactlyElementsOf(undone);
        host.assertUnchanged();
    }

    @Test
    void rollbackFailuresAreSuppressedAndTheRestOfTheUnwindStillRuns() throws Exception {
        UnaryOperator<List<Stage>> failingUndo = stages -> {
            List<Stage> out = new ArrayList<>(stages);
            out.set(2, new PushesFailingUndo(stages.get(2)));
            return out;
        };
        TmpfsTestEngine engine = new TmpfsTestEngine(s -> FailAfter.stage(StageIds.ASSEMBLE).apply(failingUndo.apply(s)));

        RestoreFailedException e = catchThrowableOfType(RestoreFailedException.class,
                () -> runner(KERNEL).run(engine, job(Publication.release(), null)));

        assertThat(e.getMessage()).isEqualTo("restore failed in stage 'assemble': injected failure after assemble");
        assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                .containsExactly("rollback of an undo that fails failed: undo refused");
        assertThat(engine.last().undone()).map(this::relative)
                .containsExactly("umount 'T/inner'", "rmdir 'T/inner'", "umount 'T'", "close namespace");
        host.assertUnchanged();
    }

    @Test
    void verifyFailsWithTheDifferencesByPathAndRollsBack() throws Exception {
        TmpfsTestEngine engine = new TmpfsTestEngine(stages -> {
            List<Stage> out = new ArrayList<>(stages);
            out.set(4, new SkipsSharing());
            return out;
        });

        RestoreFailedException e = catchThrowableOfType(RestoreFailedException.class,
                () -> runner(KERNEL).run(engine, job(Publication.release(), null)));

        assertThat(e.getMessage()).isEqualTo("restore failed in stage 'verify': the restored namespaces differ from "
                + "the image in 1 place(s): namespace 1 '" + target + "/inner': peer group differs: expected a new peer "
                + "group, got private");
        assertThat(e.getCause()).isInstanceOf(ImageMismatchException.class);
        assertThat(engine.last().undone()).map(this::relative).containsExactly("read-write 'T/inner'",
                "umount 'T/inner'", "rmdir 'T/inner'", "umount 'T'", "close namespace");
        host.assertUnchanged();
    }

    @Test
    void reportHoldsTheCallsEachStageMadeAndIsWrittenAsJson() throws Exception {
        Path reportFile = tmp.resolve("report.json");
        RestoreReport report;
        try (RestoreResult result = runner(KERNEL).run(new TmpfsTestEngine(), job(Publication.release(), reportFile))) {
            report = result.report();
        }

        assertThat(report.stages()).extracting(StageReport::id, StageReport::syscalls, StageReport::mountsTouched,
                StageReport::outcome).containsExactly(
                row("validate", Map.of(), 0L, "ok"),
                row("pre-create-namespaces", Map.of("unshare", 1L, "mount", 1L), 1L, "ok"),
                row("populate-tree", Map.of("mount", 1L), 1L, "ok"),
                row("assemble", Map.of("mkdirat", 1L, "mount", 1L), 1L, "ok"),
                row("restore-sharing-groups", Map.of("mount", 1L), 1L, "ok"),
                row("remount-read-only", Map.of("mount", 1L), 1L, "ok"),
                row("cleanup-deleted-sources", Map.of("statx", 2L), 0L, "ok"),
                row("verify", Map.of(), 0L, "ok"),
                row("publish", Map.of(), 0L, "ok"));
        assertThat(report.stages()).allSatisfy(s -> assertThat(s.wallTimeMs()).isNotNegative());
        assertThat(report.total().syscalls()).isEqualTo(Map.of("unshare", 1L, "mount", 5L, "mkdirat", 1L, "statx", 2L));
        assertThat(report.total().mountsTouched()).isEqualTo(5);
        assertThat(report.engine()).isEqualTo("test-tmpfs");
        assertThat(report.imageDir()).isEqualTo(tmp.toString());
        assertThat(report.error()).isNull();
        assertThat(report.rollback()).isNull();
        assertThat(RestoreReport.fromJson(Files.readString(reportFile))).isEqualTo(report);
        assertThat(Files.readString(reportFile)).startsWith("""
                {
                  "engine" : "test-tmpfs",
                  "imageDir" : "%s",
                  "outcome" : "ok",
                  "stages" : [ {
                    "id" : "validate",
                    "wallTimeMs" : """.formatted(tmp));
        host.assertUnchanged();
    }

    @Test
    void reportOfAFailureMarksTheFailedStageAndTheRollback() throws Exception {
        Path reportFile = tmp.resolve("report.json");
        TmpfsTestEngine engine = new TmpfsTestEngine(FailAfter.stage(StageIds.ASSEMBLE));

        RestoreFailedException e = catchThrowableOfType(RestoreFailedException.class,
                () -> runner(KERNEL).run(engine, job(Publication.release(), reportFile)));

        RestoreReport report = RestoreReport.fromJson(Files.readString(reportFile));
        assertThat(report).isEqualTo(e.report());
        assertThat(report.outcome()).isEqualTo("failed");
        assertThat(report.error()).isEqualTo("restore failed in stage 'assemble': injected failure after assemble");
        assertThat(report.stages()).extracting(StageReport::id, StageReport::outcome).containsExactly(
                row("validate", "ok"), row("pre-create-namespaces", "ok"), row("populate-tree", "ok"),
                row("assemble", "failed"));
        assertThat(report.stages().get(3).syscalls()).isEqualTo(Map.of("mkdirat", 1L, "mount", 1L));
        assertThat(report.rollback().syscalls()).isEqualTo(Map.of("umount2", 2L, "unlinkat", 1L));
        assertThat(report.rollback().mountsTouched()).isEqualTo(2);
        assertThat(report.total().mountsTouched()).isEqualTo(5);
        host.assertUnchanged();
    }

    @Test
    void theKthMountChangingCallFailingNamesStageCallAndErrnoAndLeavesNothing() throws Exception {
        Path pins = Files.createDirectory(tmp.resolve("pins"));
        Path pin = pins.resolve("1");
        List<String> expected = List.of(
                "pre-create-namespaces': mount dst='/' flags=MS_REC|MS_PRIVATE",
                "populate-tree': mount src='restored' dst='" + target + "' type=tmpfs flags=MS_RELATIME data='size=1024k,mode=755'",
                "assemble': mount src='inner' dst='" + target + "/inner' type=tmpfs flags=MS_RELATIME data='size=1024k'",
                "restore-sharing-groups': mount dst='" + target + "/inner' flags=MS_SHARED",
                "remount-read-only': mount dst='" + target + "/inner' flags=MS_RDONLY|MS_REMOUNT|MS_BIND|MS_RELATIME",
                "publish': mount src='/proc/TID/ns/mnt' dst='" + pin + "' flags=MS_BIND");
        for (int k = 1; k <= expected.size(); k++) {
            FaultInjectingKernel faulty = new FaultInjectingKernel(KERNEL, k, Errno.EPERM);

            RestoreFailedException e = catchThrowableOfType(RestoreFailedException.class,
                    () -> runner(faulty).run(new TmpfsTestEngine(), job(new Publication.PinIn(pins), null)));

            assertThat(e).as("call %d", k).isNotNull();
            assertThat(e.getMessage().replaceAll("/proc/[0-9]+/", "/proc/TID/")).as("call %d", k)
                    .isEqualTo("restore failed in stage '" + expected.get(k - 1) + ": EPERM (Operation not permitted)");
            assertThat(e.getSuppressed()).as("call %d", k).isEmpty();
            assertThat(pins).isEmptyDirectory();
            host.assertUnchanged();
        }
        FaultInjectingKernel beyond = new FaultInjectingKernel(KERNEL, expected.size() + 1, Errno.EPERM);
        try (RestoreResult result = runner(beyond).run(new TmpfsTestEngine(), job(new Publication.PinIn(pins), null))) {
            assertThat(result.report().total().mountsTouched()).isEqualTo(expected.size());
            assertThat(beyond.fired()).isFalse();
        } finally {
            NamespacePins namespacePins = new NamespacePins(KERNEL);
            namespacePins.pinned(pins).forEach(namespacePins::release);
        }
        host.assertUnchanged();
    }

    @Test
    void publishPinsTheNamespaceForNsenterAndReleasingThePinRestoresTheHostTable() throws Exception {
        Path pins = Files.createDirectory(tmp.resolve("pins"));
        NamespacePins namespacePins = new NamespacePins(KERNEL);
        try {
            try (RestoreResult result = runner(KERNEL).run(new TmpfsTestEngine(), job(new Publication.PinIn(pins), null))) {
                assertThat(result.pins()).containsExactly(pins.resolve("1"));
                assertThat(result.report().stages().get(8).syscalls()).isEqualTo(Map.of("openat", 1L, "close", 1L, "lsetxattr", 1L, "mount", 1L));
            }
            // The threads are gone; only the pin holds the namespace now.
            assertThat(HostState.threadsInOtherNamespaces()).isEmpty();
            assertThat(run("nsenter", "--mount=" + pins.resolve("1"), "cat", "/proc/self/mountinfo"))
                    .filteredOn(l -> l.contains(" " + target))
                    .map(PipelineRunnerTests::withoutIds)
                    .containsExactly(
                            "/ " + target + " rw,relatime - tmpfs restored rw,size=1024k,mode=755",
                            "/ " + target + "/inner ro,relatime shared:N - tmpfs inner rw,size=1024k");
            assertThat(namespacePins.pinned(pins)).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(pins.resolve("1"));
                assertThat(p.namespace()).matches("mnt:\\[[0-9]+\\]");
                assertThat(p.mounts()).isEqualTo(1);
            });

            assertThatThrownBy(() -> runner(KERNEL).run(new TmpfsTestEngine(), job(new Publication.PinIn(pins), null)))
                    .isInstanceOf(dev.mountflow.error.InputException.class)
                    .hasMessage("'" + pins.resolve("1") + "' already pins mount namespace "
                            + namespacePins.pinned(pins).get(0).namespace() + "; release it with mountflow gc --ns-dir " + pins);
        } finally {
            namespacePins.pinned(pins).forEach(namespacePins::release);
        }
        assertThat(pins).isEmptyDirectory();
        host.assertUnchanged();
    }

    @Test
    void execRunsTheCommandInsideTheRestoredNamespaceAndReturnsItsStatus() throws Exception {
        Path out = tmp.resolve("mountinfo.txt");
        Publication exec = new Publication.Exec(List.of("sh", "-c", "cat /proc/self/mountinfo > " + out + "; exit 7"));

        try (RestoreResult result = runner(KERNEL).run(new TmpfsTestEngine(), job(exec, null))) {
            assertThat(result.exitStatus()).hasValue(7);
        }

        assertThat(Files.readAllLines(out)).filteredOn(l -> l.contains(" " + target))
                .map(PipelineRunnerTests::withoutIds)
                .containsExactly(
                        "/ " + target + " rw,relatime - tmpfs restored rw,size=1024k,mode=755",
                        "/ " + target + "/inner ro,relatime shared:N - tmpfs inner rw,size=1024k");
        host.assertUnchanged();
    }

    @Test
    void aCommandThatCannotStartFailsPublishAndRollsBack() throws Exception {
        TmpfsTestEngine engine = new TmpfsTestEngine();
        Publication exec = new Publication.Exec(List.of("/nonexistent/command"));

        RestoreFailedException e = catchThrowableOfType(RestoreFailedException.class,
                () -> runner(KERNEL).run(engine, job(exec, null)));

        assertThat(e.getMessage()).isEqualTo("restore failed in stage 'publish': Cannot run program "
                + "\"/nonexistent/command\": error=2, No such file or directory");
        assertThat(engine.last().undone()).hasSize(6);
        host.assertUnchanged();
    }

    private PipelineRunner runner(Kernel kernel) {
        return new PipelineRunner(kernel, new CanonicalVerifier(), line -> { });
    }

    private RestoreJob job(Publication publication, Path report) {
        return new RestoreJob(image, tmp, RestoreRequest.empty(), publication, report);
    }

    private String relative(String undo) {
        return undo.replace(target.toString(), "T");
    }

    /** A mountinfo line without its ids, device and peer group number, which the kernel chooses. */
    static String withoutIds(String line) {
        return line.replaceFirst("^[0-9]+ [0-9]+ [0-9]+:[0-9]+ ", "").replaceAll("shared:[0-9]+", "shared:N");
    }

    static List<String> run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("%s: %s", List.of(command), output).isZero();
        return output.lines().toList();
    }

    private static org.assertj.core.groups.Tuple row(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    /** populate-tree, then an undo that fails: the unwind must go on past it. */
    private static final class PushesFailingUndo extends StageAround {
        PushesFailingUndo(Stage delegate) {
            super(delegate);
        }

        @Override
        protected void after(RestoreContext context) {
            context.rollback().push("an undo that fails", () -> {
                throw new IOException("undo refused");
            });
        }
    }

    /** A restore-sharing-groups that forgets its work, for verify to catch. */
    private static final class SkipsSharing implements Stage {
        @Override
        public String id() {
            return StageIds.RESTORE_SHARING_GROUPS;
        }

        @Override
        public String leavesBehind() {
            return "nothing";
        }

        @Override
        public void run(RestoreContext context) {
        }
    }
}
