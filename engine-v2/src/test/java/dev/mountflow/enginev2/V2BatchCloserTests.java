package dev.mountflow.enginev2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.engine.Rollback;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.kernel.NamespaceThread;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class V2BatchCloserTests {
    private static final Kernel KERNEL = JnrKernel.load();

    @Test
    void everyFdHandedOverIsClosedByFinish() {
        Rollback rollback = new Rollback();
        OwnedFds fds = new OwnedFds(KERNEL, rollback);
        List<OwnedFds.Owned> owned = new ArrayList<>();
        try (NamespaceThread closerThread = NamespaceThread.newPrivate(KERNEL)) {
            V2BatchCloser closer = new V2BatchCloser(closerThread);
            // More than two batches, the last one partial.
            for (int i = 0; i < 2 * V2BatchCloser.BATCH + 7; i++) {
                OwnedFds.Owned fd = fds.own("test fd " + i, KERNEL.open(RawString.of("/proc/self/ns/mnt"),
                        OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC));
                owned.add(fd);
                closer.close(fd);
            }
            closer.finish();
        }
        // Each fd is closed: closing it again here is a no-op, and the kernel no longer has the
        // number pointing at our namespace file (it may have been reused by another open since).
        for (OwnedFds.Owned fd : owned) {
            Path link = Path.of("/proc/self/fd", Integer.toString(fd.fd()));
            if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                assertThat(link).as("fd %d still open on the namespace file", fd.fd())
                        .satisfies(l -> assertThat(Files.readSymbolicLink(l).toString()).doesNotStartWith("mnt:["));
            }
        }
        assertThat(rollback.unwind()).as("the rollback finds every fd closed already").isEmpty();
    }

    @Test
    void aFailedCloseReachesFinish() {
        Rollback rollback = new Rollback();
        OwnedFds fds = new OwnedFds(KERNEL, rollback);
        try (NamespaceThread closerThread = NamespaceThread.newPrivate(KERNEL)) {
            V2BatchCloser closer = new V2BatchCloser(closerThread);
            closer.close(fds.own("not an fd", -1));
            assertThatThrownBy(closer::finish).isInstanceOf(NativeCallException.class).hasMessageContaining("EBADF");
        }
    }
}
