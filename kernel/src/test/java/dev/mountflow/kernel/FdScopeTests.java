package dev.mountflow.kernel;

import static dev.mountflow.kernel.TestKernel.KERNEL;
import static dev.mountflow.kernel.TestKernel.SCRATCH;
import static dev.mountflow.kernel.TestKernel.raw;
import static dev.mountflow.kernel.TestKernel.scratchNamespace;
import static dev.mountflow.spi.AtFlags.AT_EMPTY_PATH;
import static dev.mountflow.spi.AtFlags.AT_FDCWD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NativeCall;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.OpenTreeFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FdScopeTests {

    @Test
    void closesNewestFirst() {
        List<Integer> closed = new ArrayList<>();
        ForwardingKernel recording = new ForwardingKernel(KERNEL) {
            @Override
            protected void beforeCall(NativeCall call) {
                if (call.kind() == KernelCall.CLOSE) {
                    closed.add(call.fds().get("fd"));
                }
            }
        };
        int first;
        int clone;
        try (NamespaceThread ns = scratchNamespace(KERNEL)) {
            int[] fds = ns.call(() -> {
                try (FdScope scope = new FdScope(recording)) {
                    int dir = scope.own(recording.open(SCRATCH, OpenFlags.O_PATH | OpenFlags.O_CLOEXEC));
                    int tree = scope.own(recording.openTree(AT_FDCWD, SCRATCH,
                            OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC));
                    assertThat(recording.statx(tree, RawString.EMPTY, AT_EMPTY_PATH).mountId())
                            .as("a clone is a new mount").isNotEqualTo(recording.statx(AT_FDCWD, SCRATCH, 0).mountId());
                    return new int[] {dir, tree};
                }
            });
            first = fds[0];
            clone = fds[1];
        }
        assertThat(closed).containsExactly(clone, first);
    }

    @Test
    void aFailingCloseDoesNotStopTheOthers() {
        int real = KERNEL.open(raw("/proc/self/ns/mnt"), OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);
        Optional<String> namespace = target(real);
        assertThat(namespace.orElseThrow()).startsWith("mnt:[");
        FdScope scope = new FdScope(KERNEL);
        scope.own(-1);
        scope.own(real);
        scope.own(-2);

        assertThatThrownBy(scope::close).isInstanceOfSatisfying(NativeCallException.class, e -> {
            assertThat(e).hasMessage("close fd=-2: EBADF (Bad file descriptor)");
            assertThat(e.getSuppressed()).singleElement().hasToString(
                    NativeCallException.class.getName() + ": close fd=-1: EBADF (Bad file descriptor)");
        });
        assertThat(target(real)).isNotEqualTo(namespace);
    }

    /** What fd {@code fd} of this process refers to, from /proc/self/fd. */
    private static Optional<String> target(int fd) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
