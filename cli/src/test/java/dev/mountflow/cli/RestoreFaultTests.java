package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.restore.corpus.HostSnapshot;
import dev.mountflow.engine.StageIds;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.kernel.FaultHook;
import dev.mountflow.model.MountImage;
import dev.mountflow.restore.corpus.LayoutProcess;
import dev.mountflow.spi.KernelCall;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mountflow restore} of a live layout of 20+ mounts, with each engine, failed at each of its
 * mount-changing calls in turn by the kernel layer's fault hook ({@value FaultHook#PROPERTY}): every
 * run exits 1 with one line naming the stage, the call and the errno, and leaves the host as it
 * found it (for v1: nothing left of the roots yard, which lives in the work namespace only).
 */
class RestoreFaultTests {
    /**
     * Every kind of mount each stage of the engines handles, built in a private namespace and pivoted into a
     * tmpfs (as the pipeline's LayoutProcess does) so the image names no host filesystem and the
     * restore needs no host content: tmpfs with options, binds of subdirectories and of a file, a
     * peer group whose members have different roots, a slave, a shared slave with a peer of its
     * own, an unbindable mount, a read-only bind, a read-only superblock with a writable view, a
     * stack of three mounts, a peer group no member of which holds the others' roots (so sharing
     * needs a helper mount), and a bind whose source directory was deleted.
     */
    static final String LAYOUT = """
            mount -t tmpfs lab /mnt
            mkdir /mnt/root /mnt/helper
            mount -t tmpfs rootfs /mnt/root
            mkdir /mnt/root/.old
            ln -s /.old/proc /mnt/root/proc
            exec 3<&0
            cd /mnt/root
            mkdir data sub deep files peers peers/a peers/b peers/c slave sslave speer unb ro rosb rwview stack px py del g
            mount -t tmpfs -o size=1m,mode=755 data data; mkdir -p data/sub/deep
            mount --bind data/sub sub
            mount --bind data/sub/deep deep
            mount -t tmpfs -o nosuid,nodev files files; echo content > files/src; touch files/dst
            mount --bind files/src files/dst
            mount -t tmpfs grp peers/a; mkdir -p peers/a/inner/deeper
            mount --make-shared peers/a
            mount --bind peers/a/inner peers/b
            mount --bind peers/a/inner/deeper peers/c
            mount --bind peers/a slave; mount --make-slave slave
            mount --bind peers/a sslave; mount --make-slave sslave; mount --make-shared sslave
            mount --bind sslave/inner speer
            mount -t tmpfs unb unb; mount --make-unbindable unb
            mount --bind data ro; mount -o remount,bind,ro,nosuid ro
            mount -t tmpfs rosb rosb; mkdir rosb/d; mount -t tmpfs inner rosb/d; mount -o remount,ro rosb
            mount --bind rosb rwview; mount -o remount,bind,rw rwview
            mount -t tmpfs s1 stack; mount -t tmpfs s2 stack; mount -t tmpfs -o noexec s3 stack
            mount -t tmpfs helper /mnt/helper; mkdir /mnt/helper/x /mnt/helper/y; mount --make-shared /mnt/helper
            mount --bind /mnt/helper/x px; mount --bind /mnt/helper/y py; umount /mnt/helper
            mount -t tmpfs del del; mkdir del/gone; mount --bind del/gone g; rmdir del/gone
            cd /mnt/root
            pivot_root . .old
            /.old/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path /.old/usr/lib/x86_64-linux-gnu \\
              /.old/usr/bin/umount -n -l /.old
            cd /
            echo ready root
            read x <&3 || true
            """;

    private static final String MOUNT_CHANGING_CALLS = Arrays.stream(KernelCall.values()).filter(KernelCall::changesMounts)
            .map(KernelCall::cName).collect(Collectors.joining("|"));
    /**
     * The one line of a faulted run. Between the stage and the call the engine may name the image
     * entry ({@code populate-tree: namespace 1, mount 31 '/a': }); the call's arguments hold no colon
     * for this layout's paths.
     */
    private static final Pattern FAILURE = Pattern.compile("mountflow: restore failed in stage '(?<stage>[a-z-]+)': "
            + "(?<entry>(?:.*: )?)(?<call>" + MOUNT_CHANGING_CALLS + ")( [^:]*)?: EPERM \\(Operation not permitted\\)\n");
    /** A bound far above the layout's calls, so a fault hook that never stops firing fails instead of looping. */
    private static final int MAX_CALLS = 2_000;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "engine {0}")
    @ValueSource(strings = {"v1", "v2"})
    void aFaultAtEveryMountChangingCallExitsOneNamingStageCallAndErrnoAndLeavesTheHostAsFound(String engine) throws Exception {
        Path dir = tmp.resolve("img");
        try (LayoutProcess layout = LayoutProcess.startRaw(LAYOUT, 1)) {
            CommandRun dump = CommandRun.of("dump", "--pid", Long.toString(layout.pid()), "-D", dir.toString());
            assertThat(dump.err()).isEmpty();
            assertThat(dump.exitCode()).isZero();
        }
        MountImage image = ImageDirectory.read(dir);
        assertThat(image.mountCount()).isGreaterThanOrEqualTo(20);
        HostSnapshot host = HostSnapshot.capture();

        CommandRun clean = CommandRun.of("restore", "--mount-engine", engine, "-D", dir.toString());
        assertThat(clean.err()).isEmpty();
        assertThat(clean.exitCode()).isZero();
        Matcher summary = Pattern.compile("restored 1 namespace\\(s\\) with (\\d+) mount\\(s\\) using engine '" + engine + "' \\((\\d+) "
                + "mount-changing call\\(s\\)\\); verified equal to the image\n.*", Pattern.DOTALL).matcher(clean.out());
        assertThat(summary.matches()).as("summary of the clean run: %s", clean.out()).isTrue();
        int calls = Integer.parseInt(summary.group(2));
        host.assertUnchanged("the clean restore");

        Map<String, Integer> faultsByStage = new TreeMap<>();
        Map<String, Integer> faultsByCall = new TreeMap<>();
        int k = 1;
        for (CommandRun run = restoreFailingAt(engine, dir, k); run.exitCode() != ExitCodes.OK;
             run = restoreFailingAt(engine, dir, ++k)) {
            assertThat(k).as("faulted runs; the last stderr: %s", run.err()).isLessThanOrEqualTo(MAX_CALLS);
            assertThat(run.exitCode()).as("exit code with call %d failing; stderr: %s", k, run.err()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.out()).as("stdout with call %d failing", k).isEmpty();
            Matcher failure = FAILURE.matcher(run.err());
            assertThat(failure.matches()).as("stderr with call %d failing is one line naming stage, call and errno: %s",
                    k, run.err()).isTrue();
            String stage = failure.group("stage");
            assertThat(stage).as("stage of call %d", k).isIn(StageIds.ENGINE_STAGES);
            assertThat(failure.group("entry")).as("entry named with call %d failing", k).satisfiesAnyOf(
                    entry -> assertThat(entry).isEmpty(), entry -> assertThat(entry).startsWith(stage + ": "));
            faultsByStage.merge(stage, 1, Integer::sum);
            faultsByCall.merge(failure.group("call"), 1, Integer::sum);
            host.assertUnchanged("the restore failing at call " + k);
        }
        int faulted = k - 1;
        System.out.printf("RestoreFaultTests %s: %d mounts, %d mount-changing calls, %d faulted runs; by stage %s; by call %s%n",
                engine, image.mountCount(), calls, faulted, faultsByStage, faultsByCall);

        // The hook counts the calls the report counts, so the first run it misses is the one after the last call.
        assertThat(faulted).isEqualTo(calls);
        assertThat(faultsByStage.keySet()).containsAll(List.of(StageIds.POPULATE_TREE, StageIds.ASSEMBLE,
                StageIds.RESTORE_SHARING_GROUPS, StageIds.REMOUNT_READ_ONLY));
        host.assertUnchanged("all runs");
    }

    private static CommandRun restoreFailingAt(String engine, Path dir, int k) {
        System.setProperty(FaultHook.PROPERTY, Integer.toString(k));
        try {
            return CommandRun.of("restore", "--mount-engine", engine, "-D", dir.toString());
        } finally {
            System.clearProperty(FaultHook.PROPERTY);
        }
    }
}
