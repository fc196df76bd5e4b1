package dev.mountflow.kernel;

import static dev.mountflow.kernel.TestKernel.KERNEL;
import static dev.mountflow.kernel.TestKernel.SCRATCH;
import static dev.mountflow.kernel.TestKernel.raw;
import static dev.mountflow.kernel.TestKernel.scratch;
import static dev.mountflow.kernel.TestKernel.scratchNamespace;
import static dev.mountflow.kernel.TestKernel.table;
import static dev.mountflow.kernel.TestKernel.topMountAt;
import static dev.mountflow.model.MountFlags.MS_NODEV;
import static dev.mountflow.model.MountFlags.MS_NOSUID;
import static dev.mountflow.spi.AtFlags.AT_EMPTY_PATH;
import static dev.mountflow.spi.AtFlags.AT_FDCWD;
import static dev.mountflow.spi.AtFlags.AT_RECURSIVE;
import static dev.mountflow.spi.AtFlags.AT_REMOVEDIR;
import static dev.mountflow.spi.MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH;
import static dev.mountflow.spi.OpenTreeFlags.OPEN_TREE_CLOEXEC;
import static dev.mountflow.spi.OpenTreeFlags.OPEN_TREE_CLONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.FileStat;
import dev.mountflow.spi.FsContextFlags;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.RenameFlags;
import dev.mountflow.spi.ResolveFlags;
import dev.mountflow.spi.UmountFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real calls in a private namespace with a scratch tmpfs on /mnt; each test reads the result back
 * from the namespace's mountinfo, statx or the files, and failures are asserted as whole messages.
 */
class JnrKernelTests {
    private NamespaceThread ns;

    @BeforeEach
    void openScratchNamespace() {
        ns = scratchNamespace(KERNEL);
        ns.run(() -> KERNEL.mkdirat(AT_FDCWD, scratch("dir"), 0700));
    }

    @AfterEach
    void closeNamespace() {
        ns.close();
    }

    @Test
    void mountOnAMissingTargetFailsWithENOENT() {
        assertFailsInNamespace(() -> KERNEL.mount(raw("none"), scratch("missing"), "tmpfs", MS_NOSUID | MS_NODEV, null),
                "mount src='none' dst='/mnt/missing' type=tmpfs flags=MS_NOSUID|MS_NODEV: ENOENT (No such file or directory)");
    }

    @Test
    void umount2OfADirectoryThatIsNoMountpointFailsWithEINVAL() {
        assertFailsInNamespace(() -> KERNEL.umount2(scratch("dir"), 0),
                "umount2 target='/mnt/dir' flags=0: EINVAL (Invalid argument)");
        assertFailsInNamespace(() -> KERNEL.umount2(SCRATCH, 0x100 | UmountFlags.MNT_DETACH),
                "umount2 target='/mnt' flags=MNT_DETACH|0x100: EINVAL (Invalid argument)");
    }

    @Test
    void openTreeOfAMissingPathFailsWithENOENT() {
        assertFailsInNamespace(() -> KERNEL.openTree(AT_FDCWD, scratch("missing"), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE),
                "open_tree path='/mnt/missing' flags=OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE: "
                        + "ENOENT (No such file or directory)");
    }

    @Test
    void aClonedMountMovedElsewhereIsTheSameFilesystemAtANewPlace() throws IOException {
        ns.run(() -> {
            KERNEL.mkdirat(AT_FDCWD, scratch("src"), 0700);
            KERNEL.mkdirat(AT_FDCWD, scratch("dst"), 0700);
            KERNEL.mount(raw("roundtrip"), scratch("src"), "tmpfs", 0, raw("size=64k"));
            Files.writeString(Path.of("/mnt/src/data"), "payload");
            try (FdScope fds = new FdScope(KERNEL)) {
                int clone = fds.own(KERNEL.openTree(AT_FDCWD, scratch("src"), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
                FileStat detached = KERNEL.statx(clone, RawString.EMPTY, AT_EMPTY_PATH);
                assertThat(detached.mountRoot()).isTrue();
                KERNEL.moveMount(clone, RawString.EMPTY, AT_FDCWD, scratch("dst"), MOVE_MOUNT_F_EMPTY_PATH);
            }
        });

        var src = topMountAt(table(ns), "/mnt/src").orElseThrow();
        var dst = topMountAt(table(ns), "/mnt/dst").orElseThrow();
        assertThat(dst.source()).isEqualTo(raw("roundtrip"));
        assertThat(dst.mountId()).isNotEqualTo(src.mountId());
        assertThat(ns.call(() -> Files.readString(Path.of("/mnt/dst/data")))).isEqualTo("payload");
        FileStat atSrc = ns.call(() -> KERNEL.statx(AT_FDCWD, scratch("src"), 0));
        FileStat atDst = ns.call(() -> KERNEL.statx(AT_FDCWD, scratch("dst"), 0));
        assertThat(atDst.mountId()).isEqualTo(dst.mountId());
        assertThat(atSrc.mountId()).isEqualTo(src.mountId());
        assertThat(atDst.devMajor() + ":" + atDst.devMinor()).isEqualTo(atSrc.devMajor() + ":" + atSrc.devMinor());
    }

    @Test
    void moveMountOntoAMissingTargetNamesTheSourceFd() {
        ns.run(() -> {
            try (FdScope fds = new FdScope(KERNEL)) {
                int clone = fds.own(KERNEL.openTree(AT_FDCWD, SCRATCH, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
                assertThatThrownBy(() -> KERNEL.moveMount(clone, RawString.EMPTY, AT_FDCWD, scratch("missing"),
                        MOVE_MOUNT_F_EMPTY_PATH))
                        .hasMessage("move_mount from_fd=%d to='/mnt/missing' flags=MOVE_MOUNT_F_EMPTY_PATH: "
                                + "ENOENT (No such file or directory)", clone);
            }
        });
    }

    @Test
    void statxGivesTheMountIdMountinfoShows() {
        FileStat top = ns.call(() -> KERNEL.statx(AT_FDCWD, SCRATCH, 0));
        FileStat inside = ns.call(() -> KERNEL.statx(AT_FDCWD, scratch("dir"), 0));
        assertThat(top.mountId()).isEqualTo(topMountAt(table(ns), "/mnt").orElseThrow().mountId());
        assertThat(top.mountRoot()).isTrue();
        assertThat(top.mountRootKnown()).isTrue();
        assertThat(top.isDirectory()).isTrue();
        assertThat(inside.mountRoot()).isFalse();
        assertThat(inside.mountId()).isEqualTo(top.mountId());
    }

    @Test
    void openat2ConfinedToADirectoryRefusesSymlinksMountCrossingsAndDotDot() throws IOException {
        ns.run(() -> {
            Files.createSymbolicLink(Path.of("/mnt/dir/escape"), Path.of("/etc"));
            KERNEL.mkdirat(AT_FDCWD, scratch("dir/sub"), 0700);
            KERNEL.mkdirat(AT_FDCWD, scratch("dir/plain"), 0700);
            KERNEL.mount(raw("other"), scratch("dir/sub"), "tmpfs", 0, null);
            long how = OpenFlags.O_PATH | OpenFlags.O_CLOEXEC;
            try (FdScope fds = new FdScope(KERNEL)) {
                int dir = fds.own(KERNEL.openat2(AT_FDCWD, scratch("dir"), how | OpenFlags.O_DIRECTORY, 0, 0));
                fds.own(KERNEL.openat2(dir, raw("plain"), how, 0, ResolveFlags.CONFINED));

                String resolve = "resolve=RESOLVE_NO_XDEV|RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH";
                assertThatThrownBy(() -> fds.own(KERNEL.openat2(dir, raw("escape"), how, 0, ResolveFlags.CONFINED)))
                        .isInstanceOfSatisfying(NativeCallException.class, e -> assertThat(e.is(Errno.ELOOP)).isTrue())
                        .hasMessage("openat2 fd=%d path='escape' flags=O_CLOEXEC|O_PATH %s: "
                                + "ELOOP (Too many levels of symbolic links)", dir, resolve);
                assertThatThrownBy(() -> fds.own(KERNEL.openat2(dir, raw("sub"), how, 0, ResolveFlags.CONFINED)))
                        .isInstanceOfSatisfying(NativeCallException.class, e -> assertThat(e.is(Errno.EXDEV)).isTrue())
                        .hasMessage("openat2 fd=%d path='sub' flags=O_CLOEXEC|O_PATH %s: "
                                + "EXDEV (Invalid cross-device link)", dir, resolve);
                assertThatThrownBy(() -> fds.own(KERNEL.openat2(dir, raw("../dir"), how, 0, ResolveFlags.CONFINED)))
                        .isInstanceOfSatisfying(NativeCallException.class, e -> assertThat(e.is(Errno.EXDEV)).isTrue());
            }
        });
    }

    @Test
    void pathsThatAreNotUtf8ReachTheKernelByteForByte() throws IOException {
        RawString name = RawString.of(new byte[] {'/', 'm', 'n', 't', '/', 'b', (byte) 0xff, 'x'});
        ns.run(() -> {
            KERNEL.mkdirat(AT_FDCWD, name, 0700);
            KERNEL.mount(raw("latin"), name, "tmpfs", 0, null);
            assertThat(KERNEL.statx(AT_FDCWD, name, 0).mountRoot()).isTrue();
            Files.createSymbolicLink(Path.of("/mnt/link"), Path.of("/mnt/target"));
        });
        assertThat(topMountAt(table(ns), name)).map(MountInfoEntry::source).hasValue(raw("latin"));
        assertFailsInNamespace(() -> KERNEL.umount2(name.concat(raw("-missing")), 0),
                "umount2 target='/mnt/b\\xffx-missing' flags=0: ENOENT (No such file or directory)");
        assertThat(ns.call(() -> KERNEL.readlink(scratch("link")))).isEqualTo(raw("/mnt/target"));
    }

    @Test
    void aPathWithANulByteIsRefusedBeforeTheCall() {
        RawString withNul = RawString.of(new byte[] {'/', 'm', 'n', 't', '/', 'a', 0, 'b'});
        assertThatThrownBy(() -> ns.run(() -> KERNEL.mkdirat(AT_FDCWD, withNul, 0700)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path '/mnt/a\\x00b' contains a NUL byte");
        assertThat(ns.call(() -> Files.exists(Path.of("/mnt/a")))).isFalse();
    }

    @Test
    void mountSetattrChangesWhatMountinfoShows() {
        ns.run(() -> {
            KERNEL.mount(raw("attrs"), scratch("dir"), "tmpfs", 0, null);
            KERNEL.mountSetattr(AT_FDCWD, scratch("dir"), 0, MountAttrFlags.MOUNT_ATTR_RDONLY | MountAttrFlags.MOUNT_ATTR_NOEXEC,
                    0, MountFlags.MS_SHARED, 0);
        });
        var dir = topMountAt(table(ns), "/mnt/dir").orElseThrow();
        assertThat(dir.mountOptions()).isEqualTo("ro,noexec,relatime");
        assertThat(dir.sharedId()).isNotZero();

        assertFailsInNamespace(() -> KERNEL.mountSetattr(AT_FDCWD, scratch("missing"), AT_RECURSIVE,
                        MountAttrFlags.MOUNT_ATTR_RDONLY, MountAttrFlags.MOUNT_ATTR__ATIME, MountFlags.MS_PRIVATE, 0),
                "mount_setattr path='/mnt/missing' flags=AT_RECURSIVE attr_set=MOUNT_ATTR_RDONLY "
                        + "attr_clr=MOUNT_ATTR__ATIME propagation=MS_PRIVATE: ENOENT (No such file or directory)");
    }

    @Test
    void fsmountCreatesADetachedTmpfsThatMoveMountAttaches() {
        ns.run(() -> {
            try (FdScope fds = new FdScope(KERNEL)) {
                int context = fds.own(KERNEL.fsopen("tmpfs", FsContextFlags.FSOPEN_CLOEXEC));
                KERNEL.fsconfig(context, FsContextFlags.FSCONFIG_SET_STRING, "source", raw("fresh"), 0);
                KERNEL.fsconfig(context, FsContextFlags.FSCONFIG_SET_STRING, "size", raw("64k"), 0);
                assertThatThrownBy(() -> KERNEL.fsconfig(context, FsContextFlags.FSCONFIG_SET_STRING, "nonsense", raw("1"), 0))
                        .hasMessage("fsconfig fd=%d cmd=FSCONFIG_SET_STRING key=nonsense value='1': "
                                + "EINVAL (Invalid argument)", context);
                KERNEL.fsconfig(context, FsContextFlags.FSCONFIG_CMD_CREATE, null, null, 0);
                int mount = fds.own(KERNEL.fsmount(context, FsContextFlags.FSMOUNT_CLOEXEC, (int) MountAttrFlags.MOUNT_ATTR_NODEV));
                KERNEL.moveMount(mount, RawString.EMPTY, AT_FDCWD, scratch("dir"), MOVE_MOUNT_F_EMPTY_PATH);
            }
        });
        var dir = topMountAt(table(ns), "/mnt/dir").orElseThrow();
        assertThat(dir.fstype()).isEqualTo("tmpfs");
        assertThat(dir.source()).isEqualTo(raw("fresh"));
        assertThat(dir.superOptions()).isEqualTo(raw("rw,size=64k"));
        assertThat(dir.mountOptions()).isEqualTo("rw,nodev,relatime");
    }

    @Test
    void moveMountBeneathSlidesAMountUnderTheTopOne() {
        ns.run(() -> {
            KERNEL.mount(raw("top"), scratch("dir"), "tmpfs", 0, null);
            try (FdScope fds = new FdScope(KERNEL)) {
                int context = fds.own(KERNEL.fsopen("tmpfs", FsContextFlags.FSOPEN_CLOEXEC));
                KERNEL.fsconfig(context, FsContextFlags.FSCONFIG_SET_STRING, "source", raw("beneath"), 0);
                KERNEL.fsconfig(context, FsContextFlags.FSCONFIG_CMD_CREATE, null, null, 0);
                int mount = fds.own(KERNEL.fsmount(context, FsContextFlags.FSMOUNT_CLOEXEC, 0));
                KERNEL.moveMount(mount, RawString.EMPTY, AT_FDCWD, scratch("dir"),
                        MOVE_MOUNT_F_EMPTY_PATH | MoveMountFlags.MOVE_MOUNT_BENEATH);
            }
        });
        var table = table(ns);
        int scratchMount = topMountAt(table, "/mnt").orElseThrow().mountId();
        var beneath = table.stream().filter(l -> l.source().equals(raw("beneath"))).findFirst().orElseThrow();
        var top = table.stream().filter(l -> l.source().equals(raw("top"))).findFirst().orElseThrow();
        assertThat(beneath.mountpoint()).isEqualTo(raw("/mnt/dir"));
        assertThat(beneath.parentId()).isEqualTo(scratchMount);
        assertThat(top.parentId()).isEqualTo(beneath.mountId());
        // mountinfo lists by creation, so the newer mount that went beneath comes last.
        assertThat(table.indexOf(beneath)).isGreaterThan(table.indexOf(top));
        assertThat(topMountAt(table, "/mnt/dir")).hasValue(top);
    }

    @Test
    void pivotRootInANestedNamespaceLeavesOnlyTheNewRoot() {
        try (NamespaceThread nested = NamespaceThread.nested(ns)) {
            nested.run(() -> {
                KERNEL.mkdirat(AT_FDCWD, scratch("old"), 0700);
                assertThatThrownBy(() -> KERNEL.pivotRoot(SCRATCH, raw("/proc")))
                        .hasMessage("pivot_root new_root='/mnt' put_old='/proc': EINVAL (Invalid argument)");
                KERNEL.pivotRoot(SCRATCH, scratch("old"));
                KERNEL.umount2(raw("/old"), UmountFlags.MNT_DETACH);
            });
            assertThat(table(nested)).singleElement().satisfies(root -> {
                assertThat(root.mountpoint()).isEqualTo(raw("/"));
                assertThat(root.source()).isEqualTo(raw("scratch"));
            });
            assertThat(topMountAt(table(ns), "/mnt")).map(MountInfoEntry::source).hasValue(raw("scratch"));
        }
    }

    @Test
    void fchdirThenPivotRootDotDotLeavesOnlyTheTreeReachedByFd() {
        try (NamespaceThread nested = NamespaceThread.nested(ns)) {
            nested.run(() -> {
                int dir = KERNEL.open(SCRATCH, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC);
                try {
                    KERNEL.fchdir(dir);
                } finally {
                    KERNEL.close(dir);
                }
                KERNEL.pivotRoot(raw("."), raw("."));
                KERNEL.umount2(raw("."), UmountFlags.MNT_DETACH);
            });
            assertThat(table(nested)).singleElement().satisfies(root -> {
                assertThat(root.mountpoint()).isEqualTo(raw("/"));
                assertThat(root.source()).isEqualTo(raw("scratch"));
            });
            assertThatThrownBy(() -> KERNEL.fchdir(-1)).hasMessage("fchdir fd=-1: EBADF (Bad file descriptor)");
        }
    }

    @Test
    void fileHelpersCreateAndRemoveAndNameTheirFlags() throws IOException {
        ns.run(() -> {
            KERNEL.createFile(AT_FDCWD, scratch("file"), 0600);
            assertThatThrownBy(() -> KERNEL.createFile(AT_FDCWD, scratch("file"), 0600))
                    .hasMessage("openat path='/mnt/file' flags=O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC mode=0600: "
                            + "EEXIST (File exists)");
            KERNEL.unlinkat(AT_FDCWD, scratch("file"), 0);
            KERNEL.unlinkat(AT_FDCWD, scratch("dir"), AT_REMOVEDIR);
            assertThat(Files.list(Path.of("/mnt"))).isEmpty();
            assertThatThrownBy(() -> KERNEL.readlink(SCRATCH))
                    .hasMessage("readlink path='/mnt': EINVAL (Invalid argument)");
            assertThatThrownBy(() -> KERNEL.close(-1)).hasMessage("close fd=-1: EBADF (Bad file descriptor)");
        });
    }

    @Test
    void renameat2SwapsTwoNamesAndRefusesToReplaceOne() throws IOException {
        ns.run(() -> {
            KERNEL.mkdirat(AT_FDCWD, scratch("a"), 0755);
            KERNEL.createFile(AT_FDCWD, scratch("a/inside"), 0600);
            KERNEL.mkdirat(AT_FDCWD, scratch("b"), 0755);
            assertThatThrownBy(() -> KERNEL.renameat2(AT_FDCWD, scratch("a"), AT_FDCWD, scratch("b"),
                    RenameFlags.RENAME_NOREPLACE))
                    .hasMessage("renameat2 from='/mnt/a' to='/mnt/b' flags=RENAME_NOREPLACE: EEXIST (File exists)");
            KERNEL.renameat2(AT_FDCWD, scratch("a"), AT_FDCWD, scratch("b"), RenameFlags.RENAME_EXCHANGE);
            assertThat(Files.exists(Path.of("/mnt/b/inside"))).isTrue();
            assertThat(Files.list(Path.of("/mnt/a"))).isEmpty();
            KERNEL.renameat2(AT_FDCWD, scratch("b"), AT_FDCWD, scratch("c"), RenameFlags.RENAME_NOREPLACE);
            assertThat(Files.exists(Path.of("/mnt/c/inside"))).isTrue();
            KERNEL.unlinkat(AT_FDCWD, scratch("c/inside"), 0);
            KERNEL.unlinkat(AT_FDCWD, scratch("c"), AT_REMOVEDIR);
            KERNEL.unlinkat(AT_FDCWD, scratch("a"), AT_REMOVEDIR);
        });
    }

    @Test
    void everyErrnoTextIsGlibcsStrerror() {
        for (Errno e : Errno.values()) {
            assertThat(e.text()).as(e.name()).isEqualTo(KERNEL.lib().strerror(e.number()));
        }
        assertThat(Errno.textOf(4000)).isEqualTo(KERNEL.lib().strerror(4000));
    }

    private void assertFailsInNamespace(ThrowingCallable call, String message) {
        ns.run(() -> assertThatThrownBy(call).isInstanceOf(NativeCallException.class).hasMessage(message));
    }
}
