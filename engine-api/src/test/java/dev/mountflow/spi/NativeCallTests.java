package dev.mountflow.spi;

import static dev.mountflow.spi.AtFlags.AT_FDCWD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The argument names and renderings each call shows in messages. */
class NativeCallTests {

    static Stream<Arguments> calls() {
        return Stream.of(
                row(NativeCall.mount(raw("/a"), raw("/b"), null, MountFlags.MS_BIND | MountFlags.MS_REC, null),
                        "mount src='/a' dst='/b' flags=MS_BIND|MS_REC"),
                row(NativeCall.mount(null, raw("/"), null, MountFlags.MS_REC | MountFlags.MS_PRIVATE, null),
                        "mount dst='/' flags=MS_REC|MS_PRIVATE"),
                row(NativeCall.mount(raw("none"), raw("/t"), "tmpfs", MountFlags.MS_NOSUID, raw("size=4k,mode=0755")),
                        "mount src='none' dst='/t' type=tmpfs flags=MS_NOSUID data='size=4k,mode=0755'"),
                row(NativeCall.umount2(raw("/t"), UmountFlags.MNT_DETACH), "umount2 target='/t' flags=MNT_DETACH"),
                row(NativeCall.unshare(CloneFlags.CLONE_FS | CloneFlags.CLONE_NEWNS), "unshare flags=CLONE_FS|CLONE_NEWNS"),
                row(NativeCall.setns(7, CloneFlags.CLONE_NEWNS), "setns fd=7 nstype=CLONE_NEWNS"),
                row(NativeCall.pivotRoot(raw("/new"), raw("/new/old")), "pivot_root new_root='/new' put_old='/new/old'"),
                row(NativeCall.openTree(AT_FDCWD, raw("/a"), OpenTreeFlags.OPEN_TREE_CLONE),
                        "open_tree path='/a' flags=OPEN_TREE_CLONE"),
                row(NativeCall.openTree(5, RawString.EMPTY, OpenTreeFlags.OPEN_TREE_CLONE | AtFlags.AT_EMPTY_PATH),
                        "open_tree fd=5 flags=OPEN_TREE_CLONE|AT_EMPTY_PATH"),
                row(NativeCall.openTree(5, raw("sub"), 0), "open_tree fd=5 path='sub' flags=0"),
                row(NativeCall.moveMount(AT_FDCWD, raw("/a"), AT_FDCWD, raw("/b"), MoveMountFlags.MOVE_MOUNT_SET_GROUP),
                        "move_mount from='/a' to='/b' flags=MOVE_MOUNT_SET_GROUP"),
                row(NativeCall.moveMount(5, RawString.EMPTY, 7, RawString.EMPTY,
                                MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH | MoveMountFlags.MOVE_MOUNT_T_EMPTY_PATH),
                        "move_mount from_fd=5 to_fd=7 flags=MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH"),
                row(NativeCall.mountSetattr(9, RawString.EMPTY, AtFlags.AT_EMPTY_PATH | AtFlags.AT_RECURSIVE,
                                MountAttrFlags.MOUNT_ATTR_RDONLY, 0, MountFlags.MS_SLAVE, 0),
                        "mount_setattr fd=9 flags=AT_EMPTY_PATH|AT_RECURSIVE attr_set=MOUNT_ATTR_RDONLY propagation=MS_SLAVE"),
                row(NativeCall.mountSetattr(AT_FDCWD, raw("/m"), 0, MountAttrFlags.MOUNT_ATTR_IDMAP, 0, 0, 12),
                        "mount_setattr path='/m' flags=0 attr_set=MOUNT_ATTR_IDMAP userns_fd=12"),
                row(NativeCall.openat2(3, raw("a/b"), OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0, ResolveFlags.CONFINED),
                        "openat2 fd=3 path='a/b' flags=O_CLOEXEC|O_PATH resolve=RESOLVE_NO_XDEV|RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH"),
                row(NativeCall.openat2(3, raw("f"), OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644, 0),
                        "openat2 fd=3 path='f' flags=O_WRONLY|O_CREAT mode=0644 resolve=0"),
                row(NativeCall.openat(AT_FDCWD, raw("/proc/1/ns/mnt"), OpenFlags.O_RDONLY, 0),
                        "openat path='/proc/1/ns/mnt' flags=0"),
                row(NativeCall.close(4), "close fd=4"),
                row(NativeCall.fsopen("tmpfs", FsContextFlags.FSOPEN_CLOEXEC), "fsopen type=tmpfs flags=FSOPEN_CLOEXEC"),
                row(NativeCall.fsconfig(4, FsContextFlags.FSCONFIG_SET_STRING, "size", raw("64k"), 0),
                        "fsconfig fd=4 cmd=FSCONFIG_SET_STRING key=size value='64k'"),
                row(NativeCall.fsconfig(4, FsContextFlags.FSCONFIG_CMD_CREATE, null, null, 0),
                        "fsconfig fd=4 cmd=FSCONFIG_CMD_CREATE"),
                row(NativeCall.fsconfig(4, FsContextFlags.FSCONFIG_SET_FD, "fd", null, 8),
                        "fsconfig fd=4 cmd=FSCONFIG_SET_FD key=fd aux=8"),
                row(NativeCall.fsmount(4, FsContextFlags.FSMOUNT_CLOEXEC, (int) MountAttrFlags.MOUNT_ATTR_NODEV),
                        "fsmount fd=4 flags=FSMOUNT_CLOEXEC attrs=MOUNT_ATTR_NODEV"),
                row(NativeCall.mkdirat(AT_FDCWD, raw("/d"), 0755), "mkdirat path='/d' mode=0755"),
                row(NativeCall.unlinkat(6, raw("d"), AtFlags.AT_REMOVEDIR), "unlinkat fd=6 path='d' flags=AT_REMOVEDIR"),
                row(NativeCall.renameat2(6, raw(".d"), 6, raw("d"), RenameFlags.RENAME_EXCHANGE),
                        "renameat2 from_fd=6 from='.d' to_fd=6 to='d' flags=RENAME_EXCHANGE"),
                row(NativeCall.statx(6, RawString.EMPTY, AtFlags.AT_EMPTY_PATH), "statx fd=6 flags=AT_EMPTY_PATH"),
                row(NativeCall.readlink(raw("/proc/thread-self/ns/mnt")), "readlink path='/proc/thread-self/ns/mnt'"),
                row(NativeCall.mkdirat(AT_FDCWD, RawString.of(new byte[] {'/', 'x', (byte) 0xff, '\n'}), 0700),
                        "mkdirat path='/x\\xff\\n' mode=0700"),
                row(NativeCall.mknodat(5, raw("null"), FileAttributes.S_IFCHR | 0666, 1, 3),
                        "mknodat fd=5 path='null' mode=020666 dev=1:3"),
                row(NativeCall.fchownat(5, raw("f"), 1000, 100, AtFlags.AT_SYMLINK_NOFOLLOW),
                        "fchownat fd=5 path='f' uid=1000 gid=100 flags=AT_SYMLINK_NOFOLLOW"),
                row(NativeCall.fchmodat(5, raw("f"), 04755), "fchmodat fd=5 path='f' mode=04755"),
                row(NativeCall.utimensat(5, raw("f"), new FileAttributes.FileTime(1, 2), new FileAttributes.FileTime(3, 4), 0),
                        "utimensat fd=5 path='f' atime=1.000000002 mtime=3.000000004 flags=0"),
                row(NativeCall.symlinkat(raw("../t"), 5, raw("l")), "symlinkat target='../t' fd=5 path='l'"),
                row(NativeCall.linkat(5, raw("a"), 6, raw("b"), 0), "linkat old_fd=5 old='a' new_fd=6 new='b' flags=0"),
                row(NativeCall.readlinkat(5, raw("l")), "readlinkat fd=5 path='l'"),
                row(NativeCall.lsetxattr(raw("/proc/self/fd/5/f"), "user.a", 3),
                        "lsetxattr path='/proc/self/fd/5/f' name=user.a size=3"),
                row(NativeCall.llistxattr(raw("/x")), "llistxattr path='/x'"),
                row(NativeCall.lgetxattr(raw("/x"), "trusted.b"), "lgetxattr path='/x' name=trusted.b"),
                row(NativeCall.lseek(7, 4096, 3), "lseek fd=7 offset=4096 whence=SEEK_DATA"),
                row(NativeCall.getdents64(7), "getdents64 fd=7"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("calls")
    void rendersArgumentsByName(NativeCall call, String expected) {
        assertThat(call.toString()).isEqualTo(expected);
    }

    private static Arguments row(NativeCall call, String expected) {
        return Arguments.of(call, expected);
    }

    private static RawString raw(String s) {
        return RawString.of(s);
    }
}
