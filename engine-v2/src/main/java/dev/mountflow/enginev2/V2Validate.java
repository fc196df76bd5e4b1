package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.build.HostContentCheck;
import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.BuildPlanner;
import dev.mountflow.build.ContentSource;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.error.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaves behind a plan in which every mount has a source it can be cloned from (a fresh
 * filesystem, {@code --root} or an {@code --external} path) and host-backed content known to hold
 * every root and mountpoint; nothing on the system is changed. Every problem is reported at once,
 * each naming its namespace and mount.
 */
final class V2Validate implements Stage {
    private final V2Restore restore;

    V2Validate(V2Restore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.VALIDATE;
    }

    @Override
    public String leavesBehind() {
        return "every mount has a source; host-backed content holds every root and mountpoint; nothing changed";
    }

    @Override
    public void run(RestoreContext context) {
        List<String> problems = new ArrayList<>();
        BuildPlan plan = new BuildPlanner(context.image(), context.request(), problems).plan();
        if (problems.isEmpty()) {
            HostContentCheck content = new HostContentCheck(context.kernel(), plan,
                    context.request().createMountpoints(), problems, HostContentCheck.CLONE);
            for (ContentSource source : plan.sources()) {
                if (!source.isFresh()) {
                    content.check(source);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException("v2 cannot restore this image:\n  " + String.join("\n  ", problems));
        }
        restore.plan = plan;
        restore.fds = new OwnedFds(context.kernel(), context.rollback());
    }
}
