package dev.mountflow.plugins.common;

import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.FileAttributes.FileTime;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NativeCall;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.OpenTreeFlags;
import dev.mountflow.spi.ResolveFlags;
import java.util.List;

/**
 * Loads, on the calling thread, the classes a plugin's task on a restored namespace's thread may
 * need. That thread's root is the restored tree after assemble, where mountflow's class path
 * does not exist, so a class first used there cannot be loaded (NoClassDefFoundError). Call it
 * from the runner's thread before handing such a thread a task, with the task's own classes.
 */
public final class ClassPreload {
    private ClassPreload() {
    }

    /** The calls' descriptions and their failures, as wrapping kernels and messages build them. */
    public static void kernelCalls(Class<?>... more) {
        RawString p = RawString.of(".");
        FileTime t = new FileTime(0, 0);
        List<NativeCall> calls = List.of(
                NativeCall.openat2(0, p, OpenFlags.O_PATH, 0, ResolveFlags.CONFINED),
                NativeCall.openat(0, p, OpenFlags.O_CREAT, 0644),
                NativeCall.openTree(0, p, OpenTreeFlags.OPEN_TREE_CLONE | AtFlags.AT_SYMLINK_NOFOLLOW),
                NativeCall.moveMount(0, p, 0, p, MoveMountFlags.MOVE_MOUNT_SET_GROUP),
                NativeCall.mountSetattr(0, p, AtFlags.AT_EMPTY_PATH, MountAttrFlags.MOUNT_ATTR_RDONLY,
                        MountAttrFlags.MOUNT_ATTR_RDONLY, MountFlags.MS_SLAVE, 0),
                NativeCall.mount(p, p, "tmpfs", MountFlags.MS_REMOUNT | MountFlags.MS_BIND, p),
                NativeCall.close(0),
                NativeCall.statx(0, p, AtFlags.AT_EMPTY_PATH),
                NativeCall.mkdirat(0, p, 0755),
                NativeCall.unlinkat(0, p, 0),
                NativeCall.fchownat(0, p, 0, 0, AtFlags.AT_SYMLINK_NOFOLLOW),
                NativeCall.fchmodat(0, p, 0644),
                NativeCall.utimensat(0, p, t, t, AtFlags.AT_SYMLINK_NOFOLLOW),
                NativeCall.lsetxattr(p, "user.x", 0),
                NativeCall.readlink(p));
        for (NativeCall call : calls) {
            call.failed(Errno.EIO.number()).getMessage();
            call.arguments();
        }
        for (Class<?> c : more) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
