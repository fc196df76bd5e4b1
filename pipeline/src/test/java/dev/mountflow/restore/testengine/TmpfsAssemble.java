package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;

/** Leaves the tmpfs mounts nested in other tmpfs mounts in place, on directories made for them. */
final class TmpfsAssemble implements Stage {
    private final TmpfsRestore restore;

    TmpfsAssemble(TmpfsRestore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.ASSEMBLE;
    }

    @Override
    public String leavesBehind() {
        return "nested tmpfs mounts on their directories";
    }

    @Override
    public void run(RestoreContext context) {
        for (Mount m : restore.extras) {
            if (restore.isExtra(m.parentId())) {
                TmpfsMounts.mkdir(context, restore, m);
                TmpfsMounts.mount(context, restore, m);
            }
        }
    }
}
