package dev.mountflow.spi;

import static dev.mountflow.spi.AtFlags.AT_FDCWD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import org.junit.jupiter.api.Test;

class NativeCallExceptionTests {
    private static final int ENOSPC = Errno.ENOSPC.number();

    @Test
    void rendersCallArgumentsErrnoNameAndText() {
        NativeCallException e = NativeCall.mount(raw("/a"), raw("/b"), null, MountFlags.MS_BIND | MountFlags.MS_REC, null)
                .failed(Errno.EPERM.number());

        assertThat(e).hasMessage("mount src='/a' dst='/b' flags=MS_BIND|MS_REC: EPERM (Operation not permitted)");
        assertThat(e.call()).isEqualTo("mount");
        assertThat(e.kind()).isEqualTo(KernelCall.MOUNT);
        assertThat(e.paths()).containsExactly(entry("src", raw("/a")), entry("dst", raw("/b")));
        assertThat(e.flags()).containsExactly(entry("flags", "MS_BIND|MS_REC"));
        assertThat(e.fds()).isEmpty();
        assertThat(e.errno()).isEqualTo(1);
        assertThat(e.errnoName()).isEqualTo("EPERM");
        assertThat(e.errnoText()).isEqualTo("Operation not permitted");
        assertThat(e.is(Errno.EPERM)).isTrue();
        assertThat(e.is(Errno.EINVAL)).isFalse();
    }

    @Test
    void namesFdArgumentsAndOrdersThemWithThePaths() {
        NativeCallException e = NativeCall.moveMount(5, RawString.EMPTY, 7, raw("sub"),
                MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH).failed(Errno.EXDEV.number());

        assertThat(e).hasMessage("move_mount from_fd=5 to_fd=7 to='sub' flags=MOVE_MOUNT_F_EMPTY_PATH: "
                + "EXDEV (Invalid cross-device link)");
        assertThat(e.fds()).containsExactly(entry("from_fd", 5), entry("to_fd", 7));
        assertThat(e.paths()).containsExactly(entry("to", raw("sub")));
    }

    @Test
    void enospcFromACallThatAddsMountsMeansTheMountLimit() {
        assertThat(NativeCall.mount(raw("none"), raw("/t"), "tmpfs", 0, null).failed(ENOSPC))
                .hasMessage("mount src='none' dst='/t' type=tmpfs flags=0: ENOSPC (mount limit reached (fs.mount-max))");
        assertThat(NativeCall.openTree(AT_FDCWD, raw("/a"), OpenTreeFlags.OPEN_TREE_CLONE | AtFlags.AT_RECURSIVE)
                .failed(ENOSPC))
                .hasMessage("open_tree path='/a' flags=OPEN_TREE_CLONE|AT_RECURSIVE: ENOSPC (mount limit reached (fs.mount-max))");
        NativeCallException moved = NativeCall.moveMount(3, RawString.EMPTY, AT_FDCWD, raw("/b"),
                MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH).failed(ENOSPC);
        assertThat(moved).hasMessage("move_mount from_fd=3 to='/b' flags=MOVE_MOUNT_F_EMPTY_PATH: "
                + "ENOSPC (mount limit reached (fs.mount-max))");
        assertThat(moved.errnoText()).isEqualTo("mount limit reached (fs.mount-max)");
    }

    @Test
    void enospcFromAFileCallStaysADiskFull() {
        assertThat(NativeCall.mkdirat(AT_FDCWD, raw("/t/d"), 0700).failed(ENOSPC))
                .hasMessage("mkdirat path='/t/d' mode=0700: ENOSPC (No space left on device)");
    }

    @Test
    void anUnknownErrnoIsShownByNumber() {
        assertThat(NativeCall.unshare(CloneFlags.CLONE_NEWNS).failed(4000))
                .hasMessage("unshare flags=CLONE_NEWNS: errno 4000 (Unknown error 4000)");
    }

    private static RawString raw(String s) {
        return RawString.of(s);
    }
}
