package dev.mountflow.kernel;

import static dev.mountflow.kernel.TestKernel.KERNEL;
import static dev.mountflow.kernel.TestKernel.SCRATCH;
import static dev.mountflow.kernel.TestKernel.raw;
import static dev.mountflow.kernel.TestKernel.scratchNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.build.ConfinedPaths;
import dev.mountflow.build.ContentDirs;
import dev.mountflow.build.OwnedFds;
import dev.mountflow.engine.Rollback;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** ContentDirs on a real tmpfs: what it makes, how often it looks up, and the fds it leaves. */
class ContentDirsTests {
    @Test
    void siblingDirectoriesKeepTheirSharedAncestorOpen() {
        CountingKernel k = new CountingKernel(KERNEL);
        Rollback rollback = new Rollback();
        Set<RawString> known = new HashSet<>();
        try (NamespaceThread ns = scratchNamespace(KERNEL)) {
            ns.run(() -> {
                onScratch(k, rollback, known, dirs -> {
                    for (int f = 0; f < 5; f++) {
                        for (int m = 0; m < 3; m++) {
                            assertThat(dirs.create(raw("group/" + f + "/" + m), false)).isTrue();
                        }
                    }
                    // Back to a directory made before: known, so looked up, not made again.
                    assertThat(dirs.create(raw("group/1/9"), false)).isTrue();
                    assertThat(dirs.create(raw("group/1/9"), false)).as("known now").isFalse();
                });
                for (int f = 0; f < 5; f++) {
                    for (int m = 0; m < 3; m++) {
                        assertThat(KERNEL.statx(AtFlags.AT_FDCWD, raw("/mnt/group/" + f + "/" + m), 0).isDirectory()).isTrue();
                    }
                }
                assertThat(KERNEL.statx(AtFlags.AT_FDCWD, raw("/mnt/group/1/9"), 0).isDirectory()).isTrue();
            });
        }
        // group once, each family once, and group/1 a second time (from group, still open).
        assertThat(k.count(KernelCall.OPENAT2)).isEqualTo(1L + 5 + 1);
        // 1 + 5 family directories + 15 + 1 mountpoints made; nothing made twice.
        assertThat(k.count(KernelCall.MKDIRAT)).isEqualTo(1L + 5 + 15 + 1);
        assertThat(k.count(KernelCall.CLOSE)).as("every fd it opened, closed").isEqualTo(k.count(KernelCall.OPENAT2));
        assertThat(known).contains(raw("group"), raw("group/4"), raw("group/4/2"));
    }

    @Test
    void aKnownPrefixIsLookedUpInOneCallAndItsDepthStaysOpen() {
        CountingKernel k = new CountingKernel(KERNEL);
        Rollback rollback = new Rollback();
        List<Long> closes = new ArrayList<>();
        try (NamespaceThread ns = scratchNamespace(KERNEL)) {
            ns.run(() -> {
                KERNEL.mkdirat(AtFlags.AT_FDCWD, raw("/mnt/a"), 0755);
                KERNEL.mkdirat(AtFlags.AT_FDCWD, raw("/mnt/a/b"), 0755);
                KERNEL.mkdirat(AtFlags.AT_FDCWD, raw("/mnt/a/b/c"), 0755);
                Set<RawString> known = new HashSet<>(List.of(raw("a"), raw("a/b"), raw("a/b/c")));
                onScratch(k, rollback, known, dirs -> {
                    dirs.create(raw("a/b/c/d/e"), false);
                    closes.add(k.count(KernelCall.CLOSE));
                    dirs.create(raw("a/b/c/x"), false);
                    closes.add(k.count(KernelCall.CLOSE));
                });
                assertThat(KERNEL.statx(AtFlags.AT_FDCWD, raw("/mnt/a/b/c/d/e"), 0).isDirectory()).isTrue();
                assertThat(KERNEL.statx(AtFlags.AT_FDCWD, raw("/mnt/a/b/c/x"), 0).isDirectory()).isTrue();
            });
        }
        // a/b/c in one lookup, then d; a/b/c/x needs no lookup: a/b/c is still open.
        assertThat(k.count(KernelCall.OPENAT2)).isEqualTo(2L);
        assertThat(k.count(KernelCall.MKDIRAT)).isEqualTo(3L);
        assertThat(closes).as("a/b/c and a/b/c/d open, then only d closed").containsExactly(0L, 1L);
        assertThat(k.count(KernelCall.CLOSE)).isEqualTo(2L);
    }

    @Test
    void aSymlinkWhereADirectoryShouldBeIsRefused() {
        Rollback rollback = new Rollback();
        try (NamespaceThread ns = scratchNamespace(KERNEL)) {
            ns.run(() -> {
                KERNEL.mkdirat(AtFlags.AT_FDCWD, raw("/mnt/real"), 0755);
                KERNEL.symlinkat(raw("/mnt/real"), AtFlags.AT_FDCWD, raw("/mnt/link"));
                onScratch(KERNEL, rollback, new HashSet<>(), dirs -> assertThatThrownBy(() -> dirs.create(raw("link/x"), false))
                        .isInstanceOfSatisfying(NativeCallException.class, e -> assertThat(e.is(Errno.ELOOP)).isTrue()));
                assertThatThrownBy(() -> KERNEL.statx(AtFlags.AT_FDCWD, raw("/mnt/real/x"), 0))
                        .as("nothing made through the link").isInstanceOf(NativeCallException.class);
            });
        }
        assertThat(rollback.unwind()).isEmpty();
    }

    /** Runs {@code use} on ContentDirs over the scratch tmpfs through {@code kernel}; call on the scratch namespace's thread. */
    private static void onScratch(Kernel kernel, Rollback rollback, Set<RawString> known,
                                  Consumer<ContentDirs> use) {
        int root = KERNEL.open(SCRATCH, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC);
        try (ContentDirs dirs = new ContentDirs(new ConfinedPaths(kernel), new OwnedFds(kernel, rollback), root, known)) {
            use.accept(dirs);
        } finally {
            KERNEL.close(root);
        }
    }
}
