package dev.mountflow.kernel;

import static dev.mountflow.kernel.TestKernel.KERNEL;
import static dev.mountflow.kernel.TestKernel.raw;
import static dev.mountflow.kernel.TestKernel.scratch;
import static dev.mountflow.kernel.TestKernel.scratchNamespace;
import static dev.mountflow.kernel.TestKernel.table;
import static dev.mountflow.spi.AtFlags.AT_FDCWD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.UmountFlags;
import org.junit.jupiter.api.Test;

class FaultInjectingKernelTests {

    @Test
    void theKthMountChangingCallFailsWithoutReachingTheKernelAndTheOthersGoThrough() {
        FaultInjectingKernel faulty = new FaultInjectingKernel(KERNEL, 3, Errno.EBUSY);
        try (NamespaceThread ns = scratchNamespace(KERNEL)) {
            ns.run(() -> {
                for (String dir : new String[] {"a", "b", "c"}) {
                    faulty.mkdirat(AT_FDCWD, scratch(dir), 0700);
                }
                faulty.mount(raw("a"), scratch("a"), "tmpfs", 0, null);
                faulty.statx(AT_FDCWD, scratch("a"), 0);
                faulty.mount(raw("b"), scratch("b"), "tmpfs", 0, null);
                assertThat(faulty.fired()).isFalse();
                assertThatThrownBy(() -> faulty.mount(raw("c"), scratch("c"), "tmpfs", 0, null))
                        .isInstanceOf(NativeCallException.class)
                        .hasMessage("mount src='c' dst='/mnt/c' type=tmpfs flags=0: EBUSY (Device or resource busy)");
                faulty.umount2(scratch("b"), UmountFlags.MNT_DETACH);
            });

            assertThat(faulty.fired()).isTrue();
            assertThat(faulty.mountChangingCalls()).isEqualTo(4);
            assertThat(table(ns)).extracting(MountInfoEntry::mountpoint)
                    .contains(raw("/mnt/a")).doesNotContain(raw("/mnt/b"), raw("/mnt/c"));
        }
    }

    @Test
    void aFaultInTheNamespaceSetupFailsTheStartAndLeavesNoThread() {
        assertThatThrownBy(() -> NamespaceThread.newPrivate(new FaultInjectingKernel(KERNEL, 1, Errno.EPERM)))
                .isInstanceOf(NativeCallException.class)
                .hasMessage("mount dst='/' flags=MS_REC|MS_PRIVATE: EPERM (Operation not permitted)");
    }

    @Test
    void callsCountFromOne() {
        assertThatThrownBy(() -> new FaultInjectingKernel(KERNEL, 0, Errno.EPERM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failing call must count from 1, got 0");
    }
}
