package dev.mountflow.enginev2;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.UmountFlags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Leaves behind every peer group, master and unbindable mark of the image. Per group, masters
 * first: the anchor joins its master's group and turns slave, then starts a new peer group;
 * every other member copies group and master from it with MOVE_MOUNT_SET_GROUP; pure slaves copy
 * from their master's anchor and turn slave; unbindable last. Each change runs on the thread of
 * the namespace holding the mount (Linux 6.16+ refuses propagation changes from elsewhere); peer
 * groups spanning namespaces need nothing more, since fds are process-wide. Helper anchors are
 * unmounted again at the end.
 */
final class V2RestoreSharingGroups implements Stage {
    /** A mount fd and the thread of the namespace it is attached in. */
    private record Held(int fd, NamespaceExecutor thread) {
    }

    private final V2Restore restore;

    V2RestoreSharingGroups(V2Restore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.RESTORE_SHARING_GROUPS;
    }

    @Override
    public String leavesBehind() {
        return "peer groups, masters and unbindable marks as in the image";
    }

    @Override
    public void run(RestoreContext context) {
        V2Calls calls = new V2Calls(context.kernel());
        V2Plan plan = restore.plan;
        V2SharingPlan sharing = new V2SharingPlan(plan, plan.allMounts());
        Map<Integer, Held> anchors = new HashMap<>();
        List<RawString> helpers = new ArrayList<>();
        for (V2SharingPlan.Group g : sharing.mastersFirst()) {
            Held anchor = anchor(calls, g, anchors, helpers);
            anchors.put(g.id, anchor);
            for (Mount m : g.members) {
                if (m != g.anchor) {
                    copy(calls, anchor, m, false);
                }
            }
        }
        for (V2SharingPlan.Group g : sharing.mastersFirst()) {
            for (Mount m : g.pureSlaves) {
                copy(calls, anchors.get(g.id), m, true);
            }
        }
        for (Mount m : plan.allMounts()) {
            if (m.unbindable()) {
                Held h = held(m);
                try {
                    h.thread().run(() -> calls.propagation(h.fd(), MountFlags.MS_UNBINDABLE));
                } catch (NativeCallException e) {
                    throw new V2MountException(id(), plan.label(m), e);
                }
            }
        }
        dropHelpers(context.kernel(), helpers);
    }

    /** The group's anchor: a slave of its master's anchor if the group has a master, then shared. */
    private Held anchor(V2Calls calls, V2SharingPlan.Group g, Map<Integer, Held> anchors, List<RawString> helpers) {
        V2Plan plan = restore.plan;
        Held anchor = g.anchor != null ? held(g.anchor) : helper(calls, g, helpers);
        try {
            anchor.thread().run(() -> {
                if (g.masterId != 0) {
                    calls.setGroup(anchors.get(g.masterId).fd(), anchor.fd());
                    calls.propagation(anchor.fd(), MountFlags.MS_SLAVE);
                }
                calls.propagation(anchor.fd(), MountFlags.MS_SHARED);
            });
        } catch (NativeCallException e) {
            throw new V2MountException(id(), "peer group " + g.id + " anchored on " + (g.anchor != null
                    ? plan.label(g.anchor) : "a helper clone of " + plan.source(g.members.get(0)).describe()), e);
        }
        return anchor;
    }

    private void copy(V2Calls calls, Held from, Mount m, boolean slave) {
        Held to = held(m);
        try {
            to.thread().run(() -> {
                calls.setGroup(from.fd(), to.fd());
                if (slave) {
                    calls.propagation(to.fd(), MountFlags.MS_SLAVE);
                }
            });
        } catch (NativeCallException e) {
            throw new V2MountException(id(), restore.plan.label(m), e);
        }
    }

    private Held held(Mount m) {
        return new Held(restore.mountFd(m), restore.area(m).thread());
    }

    /**
     * A clone of the source's root, attached on a plain mountpoint in the sources namespace: a
     * member of no namespace of the result, wide enough to hand the group to every member.
     */
    private Held helper(V2Calls calls, V2SharingPlan.Group g, List<RawString> helpers) {
        V2Source source = restore.plan.source(g.members.get(0));
        RawString name = RawString.of("helper-" + g.id);
        V2WorkArea work = restore.work;
        try {
            return work.thread().call(() -> {
                Kernel k = calls.kernel();
                V2Fds.Owned clone;
                try (V2Fds.Owned sourceFd = restore.openSource(calls, source)) {
                    clone = restore.fds.own("helper for peer group " + g.id, calls.cloneBeneath(sourceFd.fd(), RawString.EMPTY));
                }
                k.mkdirat(work.dir().fd(), name, 0700);
                k.moveMount(clone.fd(), RawString.EMPTY, work.dir().fd(), name, MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
                helpers.add(name);
                return new Held(clone.fd(), work.thread());
            });
        } catch (NativeCallException e) {
            throw new V2MountException(id(), "helper for peer group " + g.id + " from " + source.describe(), e);
        }
    }

    private void dropHelpers(Kernel k, List<RawString> helpers) {
        if (helpers.isEmpty()) {
            return;
        }
        restore.work.thread().run(() -> {
            for (RawString name : helpers) {
                // Our own path in our own namespace: the sources namespace's work tmpfs.
                k.umount2(V2WorkArea.path(name), UmountFlags.MNT_DETACH);
            }
        });
    }
}
