package dev.mountflow.build;

import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.CloneFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.FsContextFlags;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NativeCall;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.OpenTreeFlags;
import dev.mountflow.spi.RenameFlags;
import dev.mountflow.spi.ResolveFlags;
import dev.mountflow.spi.UmountFlags;
import java.util.List;

/**
 * Loads, before a namespace thread pivots, the classes its later tasks may need. The JVM loads a
 * class on the thread that first uses it, opening the class file by path from that thread's root;
 * after pivot_root the thread's root is the restored tree, where the classpath does not exist
 * (seen: NoClassDefFoundError for UmountFlags when a wrapping kernel first described umount2
 * there). Classes in an already opened jar and the JDK's own are not affected.
 */
public final class ClassPreload {
    private static volatile boolean done;

    private ClassPreload() {
    }

    public static void callsAndFailures() {
        if (done) {
            return;
        }
        RawString p = RawString.of(".");
        List<NativeCall> calls = List.of(
                NativeCall.mount(p, p, "tmpfs", MountFlags.MS_REMOUNT, p),
                NativeCall.umount2(p, UmountFlags.MNT_DETACH),
                NativeCall.unshare(CloneFlags.CLONE_NEWNS),
                NativeCall.setns(0, CloneFlags.CLONE_NEWNS),
                NativeCall.pivotRoot(p, p),
                NativeCall.openTree(0, p, OpenTreeFlags.OPEN_TREE_CLONE),
                NativeCall.moveMount(0, p, 0, p, MoveMountFlags.MOVE_MOUNT_SET_GROUP),
                NativeCall.mountSetattr(0, p, AtFlags.AT_EMPTY_PATH, MountAttrFlags.MOUNT_ATTR_RDONLY,
                        MountAttrFlags.MOUNT_ATTR__ATIME, MountFlags.MS_SHARED, 0),
                NativeCall.openat2(0, p, OpenFlags.O_PATH, 0, ResolveFlags.CONFINED),
                NativeCall.openat(0, p, OpenFlags.O_CREAT, 0644),
                NativeCall.close(0),
                NativeCall.fsopen("tmpfs", FsContextFlags.FSOPEN_CLOEXEC),
                NativeCall.fsconfig(0, FsContextFlags.FSCONFIG_SET_STRING, "k", p, 0),
                NativeCall.fsmount(0, FsContextFlags.FSMOUNT_CLOEXEC, 0),
                NativeCall.mkdirat(0, p, 0755),
                NativeCall.unlinkat(0, p, AtFlags.AT_REMOVEDIR),
                NativeCall.renameat2(0, p, 0, p, RenameFlags.RENAME_EXCHANGE),
                NativeCall.statx(0, p, AtFlags.AT_EMPTY_PATH),
                NativeCall.fchdir(0),
                NativeCall.chdir(RawString.EMPTY),
                NativeCall.readlink(p));
        for (NativeCall call : calls) {
            new MountStageException("", "", call.failed(Errno.ENOSPC.number())).getMessage();
        }
        done = true;
    }
}
