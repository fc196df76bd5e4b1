package dev.mountflow.enginev2;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;

/**
 * Leaves behind one private namespace thread per image namespace, each with a private work tmpfs
 * holding an empty {@code root} directory where the tree's root will be placed.
 */
final class V2PreCreateNamespaces extends EngineStage {
    static final RawString ROOT_DIR = RawString.of("root");

    private final V2Restore restore;

    V2PreCreateNamespaces(V2Restore restore) {
        super(StageIds.PRE_CREATE_NAMESPACES, "one private namespace with a work tmpfs per image namespace");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        MountImage image = context.image();
        for (MountNamespace ns : image.namespaces()) {
            V2WorkArea area = V2WorkArea.create(context, restore.fds, "namespace " + ns.id(), () -> { });
            area.thread().run(() -> context.kernel().mkdirat(area.dir().fd(), ROOT_DIR, 0700));
            restore.areas.put(ns.id(), area);
        }
    }
}
