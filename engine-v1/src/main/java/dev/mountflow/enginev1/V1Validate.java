package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.BuildPlanner;
import dev.mountflow.build.ContentSource;
import dev.mountflow.build.HostContentCheck;
import dev.mountflow.build.OwnedFds;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.error.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaves behind a plan in which every mount has a source it can be bound from (a fresh
 * filesystem, {@code --root} or an {@code --external} path), host-backed content known to hold
 * every root and mountpoint, and an order of creation in which inheritance gives every mount its
 * sharing; nothing on the system is changed. What v1 cannot build is refused here, every mount
 * at once, each with its reason ({@link V1Refusal}).
 */
final class V1Validate implements Stage {
    /** The first line of a refusal: what v1 cannot do, and what can. */
    static final String REFUSED = "v1 cannot build this image by inheriting sharing"
            + " (use --mount-engine v2, which sets peer groups and masters directly):";

    private final V1Restore restore;

    V1Validate(V1Restore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.VALIDATE;
    }

    @Override
    public String leavesBehind() {
        return "every mount has a source and an inheritance-only creation order; nothing changed";
    }

    @Override
    public void run(RestoreContext context) {
        List<String> problems = new ArrayList<>();
        BuildPlan tree = new BuildPlanner(context.image(), context.request(), problems).plan();
        if (problems.isEmpty()) {
            HostContentCheck content = new HostContentCheck(context.kernel(), tree,
                    context.request().createMountpoints(), problems, HostContentCheck.PATH);
            for (ContentSource source : tree.sources()) {
                if (!source.isFresh()) {
                    content.check(source);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException("v1 cannot restore this image:\n  " + String.join("\n  ", problems));
        }
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
