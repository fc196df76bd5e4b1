package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.build.HostContentCheck;
import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.BuildPlanner;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;

/**
 * Leaves behind a plan in which every mount has a source it can be cloned from (a fresh
 * filesystem, {@code --root} or an {@code --external} path) and host-backed content known to hold
 * every root and mountpoint; nothing on the system is changed. Every problem is reported at once,
 * each naming its namespace and mount.
 */
final class V2Validate extends EngineStage {
    private final V2Restore restore;

    V2Validate(V2Restore restore) {
        super(StageIds.VALIDATE, "every mount has a source; host-backed content holds every root and mountpoint; nothing changed");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        BuildPlan plan = BuildPlanner.checked(context.image(), context.request(), context.kernel(),
                HostContentCheck.CLONE, "v2");
        restore.plan = plan;
        restore.fds = new OwnedFds(context.kernel(), context.rollback());
    }
}
