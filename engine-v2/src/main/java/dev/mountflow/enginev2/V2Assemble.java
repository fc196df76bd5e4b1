package dev.mountflow.enginev2;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.UmountFlags;
import java.util.List;

/**
 * Leaves behind each namespace holding exactly its image tree, every mount at its final path and
 * still private, with the root pivoted in and the old root (host copy and work area) detached.
 * Each mount is moved onto a target resolved beneath its parent mount's fd, in one depth-first
 * walk, on the namespace's own thread (move_mount attaches only into the caller's namespace).
 */
final class V2Assemble implements Stage {
    private static final RawString DOT = RawString.of(".");

    private final V2Restore restore;

    V2Assemble(V2Restore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.ASSEMBLE;
    }

    @Override
    public String leavesBehind() {
        return "each namespace holds its mount tree at the final paths, its root pivoted in";
    }

    @Override
    public void run(RestoreContext context) {
        V2Calls calls = new V2Calls(context.kernel());
        V2ClassPreload.callsAndFailures();
        for (var entry : restore.areas.entrySet()) {
            int nsId = entry.getKey();
            V2WorkArea area = entry.getValue();
            area.thread().run(() -> assemble(calls, nsId, area));
            context.restored(new RestoredNamespace(nsId, area.thread()));
        }
    }

    private void assemble(V2Calls calls, int nsId, V2WorkArea area) {
        Kernel k = calls.kernel();
        V2Plan plan = restore.plan;
        List<Mount> order = plan.depthFirst(nsId);
        Mount root = order.get(0);
        try {
            k.moveMount(restore.mountFd(root), RawString.EMPTY, area.dir().fd(), V2PreCreateNamespaces.ROOT_DIR,
                    MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
        } catch (NativeCallException e) {
            throw new V2MountException(id(), plan.label(root), e);
        }
        for (int i = 1; i < order.size(); i++) {
            Mount m = order.get(i);
            Mount parent = plan.mount(m.parentId());
            try {
                attach(calls, m, parent);
            } catch (NativeCallException e) {
                throw new V2MountException(id(), plan.label(m) + " on " + parent.label(), e);
            }
        }
        try {
            // pivot_root(".", ".") stacks the old root on the new one; detaching "." then removes
            // it (pivot_root(2)); no path through the old root is ever resolved.
            k.fchdir(restore.mountFd(root));
            k.pivotRoot(DOT, DOT);
            k.umount2(DOT, UmountFlags.MNT_DETACH);
        } catch (NativeCallException e) {
            throw new V2MountException(id(), "namespace " + nsId + ", pivoting into " + root.label(), e);
        }
    }

    private void attach(V2Calls calls, Mount m, Mount parent) {
        int parentFd = restore.mountFd(parent);
        RawString rel = V2Plan.mountpointInParent(parent, m);
        if (rel.isEmpty()) {
            // Stacked on the parent's own root: move_mount goes to the top of what is there.
            calls.attach(restore.mountFd(m), parentFd);
            return;
        }
        int target = calls.resolve(parentFd, rel);
        try {
            calls.attach(restore.mountFd(m), target);
        } finally {
            calls.kernel().close(target);
        }
    }
}
