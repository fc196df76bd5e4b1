package dev.mountflow.restore;

import static dev.mountflow.restore.StageHarness.KERNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.enginev2.V2Engine;
import dev.mountflow.kernel.FaultInjectingKernel;
import dev.mountflow.model.MountImage;
import dev.mountflow.restore.corpus.LayoutProcess;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.NativeCallException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A v2 restore interrupted at every one of its mount-changing calls in turn unwinds completely:
 * reading back afterwards, no namespace thread is left and the host's mount table is unchanged.
 */
class V2RollbackTests {
    private static final String LAYOUT = """
            mkdir /mnt/root/m /mnt/root/s /mnt/root/px /mnt/root/py /mnt/root/ro /mnt/root/g /mnt/root/u /mnt/tmp0
            mount -t tmpfs m /mnt/root/m; mount --make-shared /mnt/root/m; mkdir /mnt/root/m/d
            mount --bind /mnt/root/m/d /mnt/root/s; mount --make-slave /mnt/root/s; mount --make-shared /mnt/root/s
            mount -t tmpfs grp /mnt/tmp0; mkdir /mnt/tmp0/x /mnt/tmp0/y /mnt/tmp0/gone
            mount --make-shared /mnt/tmp0
            mount --bind /mnt/tmp0/x /mnt/root/px; mount --bind /mnt/tmp0/y /mnt/root/py
            mount --bind /mnt/tmp0/gone /mnt/root/g; rmdir /mnt/tmp0/gone; umount /mnt/tmp0
            mount -t tmpfs ro /mnt/root/ro; mount -o remount,ro /mnt/root/ro
            mount -t tmpfs u /mnt/root/u; mount --make-unbindable /mnt/root/u
            """;

    @BeforeAll
    static void startTheProcessReaperFromTheMainThread() throws Exception {
        new ProcessBuilder("true").start().waitFor();
    }

    @Test
    void aFailureAtAnyMountChangingCallLeavesNothingBehind() throws Exception {
        MountImage image;
        try (LayoutProcess layout = LayoutProcess.start(LAYOUT + LayoutProcess.pivotAndWait("/mnt/root", "root"), 1)) {
            image = new Dumper(new LiveNamespaceReader(), "test").capture(new DumpRequest(layout.pid(), false, List.of()));
        }
        List<String> host = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        FaultInjectingKernel counting = new FaultInjectingKernel(KERNEL, Integer.MAX_VALUE, Errno.EIO);
        StageHarness.restore(new V2Engine(), image, RestoreRequest.empty(), stage -> { }, counting).close();
        int calls = counting.mountChangingCalls();
        assertThat(calls).isGreaterThan(30);

        for (int k = 1; k <= calls; k++) {
            FaultInjectingKernel faulty = new FaultInjectingKernel(KERNEL, k, Errno.EIO);
            assertThatThrownBy(() -> StageHarness.restore(new V2Engine(), image, RestoreRequest.empty(), s -> { }, faulty))
                    .as("failing call %d of %d", k, calls)
                    .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(NativeCallException.class)
                            .hasMessageEndingWith("EIO (Input/output error)"));
            assertThat(Thread.getAllStackTraces().keySet()).as("threads left after failing call %d", k)
                    .filteredOn(t -> t.getName().startsWith("mntns-worker-") && t.isAlive()).isEmpty();
            assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).containsExactlyElementsOf(host);
        }
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
