package dev.mountflow.kernel;

import static dev.mountflow.kernel.TestKernel.KERNEL;
import static dev.mountflow.kernel.TestKernel.SCRATCH;
import static dev.mountflow.kernel.TestKernel.raw;
import static dev.mountflow.kernel.TestKernel.scratch;
import static dev.mountflow.spi.AtFlags.AT_FDCWD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NativeCallException;
import org.junit.jupiter.api.Test;

class CountingKernelTests {

    @Test
    void countsEveryAttemptedCallByKindIncludingTheNamespaceSetup() {
        CountingKernel counting = new CountingKernel(KERNEL);
        try (NamespaceThread ns = NamespaceThread.newPrivate(counting)) {
            ns.run(() -> {
                counting.mount(raw("scratch"), SCRATCH, "tmpfs", 0, null);
                counting.mkdirat(AT_FDCWD, scratch("a"), 0700);
                counting.mkdirat(AT_FDCWD, scratch("b"), 0700);
                assertThatThrownBy(() -> counting.umount2(scratch("a"), 0)).isInstanceOf(NativeCallException.class);
                counting.gettid();
            });
        }

        assertThat(counting.counts()).containsExactly(entry(KernelCall.MOUNT, 2L), entry(KernelCall.UMOUNT2, 1L),
                entry(KernelCall.UNSHARE, 1L), entry(KernelCall.MKDIRAT, 2L));
        assertThat(counting.count(KernelCall.OPEN_TREE)).isZero();
    }
}
