package dev.mountflow.enginev2;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.FsContextFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NamespaceExecutor;

/**
 * Leaves behind one private namespace thread per image namespace, each with a private work tmpfs
 * holding an empty {@code root} directory for the tree, plus one more private namespace, never
 * part of the result, whose work tmpfs will hold the sources. Sources live in a namespace because
 * only a mount in the caller's namespace may be cloned and have its propagation changed (Linux
 * 6.16+ refuses propagation changes from outside the mount's namespace).
 */
final class V2PreCreateNamespaces implements Stage {
    static final RawString ROOT_DIR = RawString.of("root");

    private final V2Restore restore;

    V2PreCreateNamespaces(V2Restore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.PRE_CREATE_NAMESPACES;
    }

    @Override
    public String leavesBehind() {
        return "one private namespace with a work tmpfs per image namespace, and one for the sources";
    }

    @Override
    public void run(RestoreContext context) {
        restore.work = workArea(context, "sources");
        MountImage image = context.image();
        for (MountNamespace ns : image.namespaces()) {
            V2WorkArea area = workArea(context, "namespace " + ns.id());
            area.thread().run(() -> context.kernel().mkdirat(area.dir().fd(), ROOT_DIR, 0700));
            restore.areas.put(ns.id(), area);
        }
    }

    private V2WorkArea workArea(RestoreContext context, String what) {
        NamespaceExecutor thread = context.rollback().push("namespace thread for " + what,
                context.namespaces().newPrivate());
        Kernel k = context.kernel();
        V2Fds.Owned dir = thread.call(() -> {
            int fsContext = k.fsopen("tmpfs", FsContextFlags.FSOPEN_CLOEXEC);
            try {
                k.fsconfig(fsContext, FsContextFlags.FSCONFIG_SET_STRING, "source", RawString.of("mountflow-work"), 0);
                k.fsconfig(fsContext, FsContextFlags.FSCONFIG_SET_STRING, "mode", RawString.of("0700"), 0);
                k.fsconfig(fsContext, FsContextFlags.FSCONFIG_CMD_CREATE, null, null, 0);
                V2Fds.Owned mount = restore.fds.own("work tmpfs of " + what,
                        k.fsmount(fsContext, FsContextFlags.FSMOUNT_CLOEXEC,
                                (int) (MountAttrFlags.MOUNT_ATTR_NOSUID | MountAttrFlags.MOUNT_ATTR_NODEV)));
                k.moveMount(mount.fd(), RawString.EMPTY, AtFlags.AT_FDCWD, V2WorkArea.PATH,
                        MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
                return mount;
            } finally {
                k.close(fsContext);
            }
        });
        return new V2WorkArea(thread, dir);
    }
}
