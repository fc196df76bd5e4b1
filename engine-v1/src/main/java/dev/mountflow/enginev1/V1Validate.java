package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.BuildPlanner;
import dev.mountflow.build.HostContentCheck;
import dev.mountflow.build.OwnedFds;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.error.InputException;

/**
 * Leaves behind a plan in which every mount has a source it can be bound from (a fresh
 * filesystem, {@code --root} or an {@code --external} path), host-backed content known to hold
 * every root and mountpoint, and an order of creation in which inheritance gives every mount its
 * sharing; nothing on the system is changed. What v1 cannot build is refused here, every mount
 * at once, each with its reason ({@link V1Refusal}).
 */
final class V1Validate extends EngineStage {
    /** The first line of a refusal: what v1 cannot do, and what can. */
    static final String REFUSED = "v1 cannot build this image by inheriting sharing"
            + " (use --mount-engine v2, which sets peer groups and masters directly):";

    private final V1Restore restore;

    V1Validate(V1Restore restore) {
        super(StageIds.VALIDATE, "every mount has a source and an inheritance-only creation order; nothing changed");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        BuildPlan tree = BuildPlanner.checked(context.image(), context.request(), context.kernel(),
                HostContentCheck.PATH, "v1");
        V1Planner planner = new V1Planner(tree);
        V1Plan plan = planner.plan();
        if (plan == null) {
            throw new InputException(REFUSED + "\n  " + String.join("\n  ", planner.refusals()));
        }
        restore.tree = tree;
        restore.plan = plan;
        restore.fds = new OwnedFds(context.kernel(), context.rollback());
    }
}
