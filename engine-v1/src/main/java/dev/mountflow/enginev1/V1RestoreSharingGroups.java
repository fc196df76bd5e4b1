package dev.mountflow.enginev1;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.MountFlags;

/**
 * Leaves behind the sharing inheritance could not give: a mount that is its peer group's only
 * member, without slaves, made shared now that its children exist (made under a shared parent,
 * they would have joined peer groups of their own), and unbindable marks now that no bind is
 * taken from a mount any more. Both from inside each mount's own namespace, on the mounts a path
 * reaches (assemble set the others'). Peer groups and masters with other members were inherited
 * in populate-tree.
 */
final class V1RestoreSharingGroups extends EngineStage {
    private final V1Restore restore;

    V1RestoreSharingGroups(V1Restore restore) {
        super(StageIds.RESTORE_SHARING_GROUPS, "peer groups of a single mount and unbindable marks set; the others were inherited");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        V1LateMarks.mark(restore, new V1Calls(context.kernel()), id(), m -> {
            if (restore.plan.lateShared().contains(m.id())) {
                return MountFlags.MS_SHARED;
            }
            return m.unbindable() ? MountFlags.MS_UNBINDABLE : 0;
        });
    }
}
