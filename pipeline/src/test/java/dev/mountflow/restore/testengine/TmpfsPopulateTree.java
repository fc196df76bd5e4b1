package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;

/** Leaves every tmpfs that sits on a host mount mounted, private. */
final class TmpfsPopulateTree implements Stage {
    private final TmpfsRestore restore;

    TmpfsPopulateTree(TmpfsRestore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.POPULATE_TREE;
    }

    @Override
    public String leavesBehind() {
        return "every tmpfs on a host directory mounted, private";
    }

    @Override
    public void run(RestoreContext context) {
        for (Mount m : restore.extras) {
            if (!restore.isExtra(m.parentId())) {
                TmpfsMounts.mount(context, restore, m);
            }
        }
    }
}
