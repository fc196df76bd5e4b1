package dev.mountflow.kernel;

import static dev.mountflow.kernel.TestKernel.KERNEL;
import static dev.mountflow.kernel.TestKernel.SCRATCH;
import static dev.mountflow.kernel.TestKernel.raw;
import static dev.mountflow.kernel.TestKernel.scratch;
import static dev.mountflow.spi.AtFlags.AT_FDCWD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NativeCall;
import dev.mountflow.spi.NativeCallException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingKernelTests {

    /** Sees kinds only while it does not describe calls; describing ones go to the full hooks. */
    private static final class Recording extends ForwardingKernel {
        final List<String> seen = new ArrayList<>();
        boolean describes;

        Recording(Kernel delegate) {
            super(delegate);
        }

        @Override
        protected boolean describesCalls() {
            return describes;
        }

        @Override
        protected void counted(KernelCall kind) {
            seen.add("kind " + kind.cName());
        }

        @Override
        protected void beforeCall(NativeCall call) {
            seen.add("before " + call);
        }

        @Override
        protected void afterCall(NativeCall call, Object result, RuntimeException failure) {
            seen.add("after " + call + (failure == null ? "" : " failed"));
        }
    }

    @Test
    void aKernelThatDoesNotDescribeCallsSeesOnlyTheirKindsAndTheCallsStillHappen() {
        Recording recording = new Recording(KERNEL);
        try (NamespaceThread ns = NamespaceThread.newPrivate(KERNEL)) {
            ns.run(() -> {
                KERNEL.mount(raw("scratch"), SCRATCH, "tmpfs", 0, null);
                recording.mkdirat(AT_FDCWD, scratch("a"), 0700);
                assertThatThrownBy(() -> recording.mkdirat(AT_FDCWD, scratch("a"), 0700))
                        .isInstanceOf(NativeCallException.class)
                        .hasMessage("mkdirat path='/mnt/a' mode=0700: EEXIST (File exists)");
                recording.describes = true;
                assertThatThrownBy(() -> recording.umount2(scratch("a"), 0)).isInstanceOf(NativeCallException.class)
                        .hasMessage("umount2 target='/mnt/a' flags=0: EINVAL (Invalid argument)");
            });
        }

        assertThat(recording.seen).containsExactly("kind mkdirat", "kind mkdirat",
                "before umount2 target='/mnt/a' flags=0", "after umount2 target='/mnt/a' flags=0 failed");
    }
}
