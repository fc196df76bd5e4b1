package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.spi.NamespaceExecutor;

/** Leaves one private copy of the host's namespace, reported as the image's root namespace. */
final class TmpfsPreCreateNamespaces implements Stage {
    private final TmpfsRestore restore;

    TmpfsPreCreateNamespaces(TmpfsRestore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.PRE_CREATE_NAMESPACES;
    }

    @Override
    public String leavesBehind() {
        return "one private copy of the host's mount namespace";
    }

    @Override
    public void run(RestoreContext context) {
        NamespaceExecutor ns = context.namespaces().newPrivate();
        context.rollback().push("namespace thread", () -> {
            restore.undid("close namespace");
            ns.close();
        });
        restore.namespace = ns;
        context.restored(new RestoredNamespace(context.image().rootNamespaceId(), ns));
    }
}
