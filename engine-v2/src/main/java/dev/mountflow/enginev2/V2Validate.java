package dev.mountflow.enginev2;

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
        V2Plan plan = new V2Planner(context.image(), context.request(), problems).plan();
        if (problems.isEmpty()) {
            V2HostContentCheck content = new V2HostContentCheck(context.kernel(), plan,
                    context.request().createMountpoints(), problems);
            for (V2Source source : plan.sources()) {
                if (!source.isFresh()) {
                    content.check(source);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException("v2 cannot restore this image:\n  " + String.join("\n  ", problems));
        }
        restore.plan = plan;
        restore.fds = new V2Fds(context.kernel(), context.rollback());
    }
}
