package dev.mountflow.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.FlagTable;
import dev.mountflow.model.MountFlags;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How each flag family renders in messages: named bits in table order, unknown bits in hex. */
class FlagTablesTests {

    static Stream<Arguments> renderings() {
        return Stream.of(
                row(MountFlags.TABLE, MountFlags.MS_BIND | MountFlags.MS_REC, "MS_BIND|MS_REC"),
                row(MountFlags.TABLE, MountFlags.MS_REC | MountFlags.MS_PRIVATE, "MS_REC|MS_PRIVATE"),
                row(MountFlags.TABLE, MountFlags.MS_RDONLY | MountFlags.MS_REMOUNT | MountFlags.MS_BIND,
                        "MS_RDONLY|MS_REMOUNT|MS_BIND"),
                row(MountFlags.TABLE, MountFlags.MS_SHARED | (1L << 30), "MS_SHARED|0x40000000"),
                row(MountFlags.TABLE, 0, "0"),
                row(MoveMountFlags.TABLE, MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH | MoveMountFlags.MOVE_MOUNT_T_EMPTY_PATH,
                        "MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH"),
                row(MoveMountFlags.TABLE, MoveMountFlags.MOVE_MOUNT_SET_GROUP, "MOVE_MOUNT_SET_GROUP"),
                row(MoveMountFlags.TABLE, MoveMountFlags.MOVE_MOUNT_BENEATH | MoveMountFlags.MOVE_MOUNT_T_SYMLINKS,
                        "MOVE_MOUNT_T_SYMLINKS|MOVE_MOUNT_BENEATH"),
                row(MoveMountFlags.TABLE, 0x1000 | MoveMountFlags.MOVE_MOUNT_F_SYMLINKS, "MOVE_MOUNT_F_SYMLINKS|0x1000"),
                row(OpenTreeFlags.TABLE, OpenTreeFlags.OPEN_TREE_CLONE | OpenTreeFlags.OPEN_TREE_CLOEXEC
                        | AtFlags.AT_RECURSIVE, "OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE"),
                row(OpenTreeFlags.TABLE, AtFlags.AT_EMPTY_PATH | AtFlags.AT_SYMLINK_NOFOLLOW,
                        "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH"),
                row(CloneFlags.TABLE, CloneFlags.CLONE_FS | CloneFlags.CLONE_NEWNS, "CLONE_FS|CLONE_NEWNS"),
                row(CloneFlags.TABLE, CloneFlags.CLONE_NEWUSER | 0x100, "CLONE_NEWUSER|0x100"),
                row(UmountFlags.TABLE, UmountFlags.MNT_DETACH | UmountFlags.UMOUNT_NOFOLLOW, "MNT_DETACH|UMOUNT_NOFOLLOW"),
                row(MountAttrFlags.TABLE, MountAttrFlags.MOUNT_ATTR_RDONLY | MountAttrFlags.MOUNT_ATTR_NOSUID
                        | MountAttrFlags.MOUNT_ATTR_NODEV | MountAttrFlags.MOUNT_ATTR_NOEXEC,
                        "MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOSUID|MOUNT_ATTR_NODEV|MOUNT_ATTR_NOEXEC"),
                row(MountAttrFlags.TABLE, MountAttrFlags.MOUNT_ATTR__ATIME, "MOUNT_ATTR__ATIME"),
                row(MountAttrFlags.TABLE, MountAttrFlags.MOUNT_ATTR_NOATIME | MountAttrFlags.MOUNT_ATTR_NOSYMFOLLOW,
                        "MOUNT_ATTR_NOATIME|MOUNT_ATTR_NOSYMFOLLOW"),
                row(MountAttrFlags.TABLE, MountAttrFlags.MOUNT_ATTR_IDMAP, "MOUNT_ATTR_IDMAP"),
                row(ResolveFlags.TABLE, ResolveFlags.CONFINED, "RESOLVE_NO_XDEV|RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH"),
                row(ResolveFlags.TABLE, ResolveFlags.RESOLVE_IN_ROOT | 0x40, "RESOLVE_IN_ROOT|0x40"),
                row(OpenFlags.TABLE, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC,
                        "O_DIRECTORY|O_CLOEXEC|O_PATH"),
                row(OpenFlags.TABLE, OpenFlags.O_RDONLY, "0"),
                row(AtFlags.TABLE, AtFlags.AT_REMOVEDIR, "AT_REMOVEDIR"),
                row(FsContextFlags.FSOPEN_TABLE, FsContextFlags.FSOPEN_CLOEXEC, "FSOPEN_CLOEXEC"),
                row(FsContextFlags.FSMOUNT_TABLE, FsContextFlags.FSMOUNT_CLOEXEC | 2, "FSMOUNT_CLOEXEC|0x2"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("renderings")
    void describesBitsByName(FlagTable table, long bits, String expected) {
        assertThat(table.describe(bits)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void namesFsconfigCommands(int cmd, String expected) {
        assertThat(FsContextFlags.commandName(cmd)).isEqualTo(expected);
    }

    static Stream<Arguments> commands() {
        return Stream.of(Arguments.of(FsContextFlags.FSCONFIG_SET_FLAG, "FSCONFIG_SET_FLAG"),
                Arguments.of(FsContextFlags.FSCONFIG_SET_STRING, "FSCONFIG_SET_STRING"),
                Arguments.of(FsContextFlags.FSCONFIG_CMD_CREATE, "FSCONFIG_CMD_CREATE"),
                Arguments.of(FsContextFlags.FSCONFIG_CMD_RECONFIGURE, "FSCONFIG_CMD_RECONFIGURE"),
                Arguments.of(9, "9"));
    }

    private static Arguments row(FlagTable table, long bits, String expected) {
        return Arguments.of(table, bits, expected);
    }
}
