package dev.mountflow.enginev2;

import dev.mountflow.build.OwnedFds;
import dev.mountflow.build.MountStageException;
import dev.mountflow.build.SharingGroups;
import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.ContentSource;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.ThrowingCallable;
import dev.mountflow.spi.ThrowingRunnable;
import dev.mountflow.spi.UmountFlags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * unmounted again at the end. Mounts are reached by path (or their kept fd) one at a time, an
 * anchor held only while its group (or a slave group of it) is built; the work of a group in one
 * namespace is one task on that namespace's thread.
 */
final class V2RestoreSharingGroups extends EngineStage {
    /** A helper anchor: a mount fd in the sources namespace. */
    private record Helper(OwnedFds.Owned fd) {
    }

    private final V2Restore restore;
    /** The namespace whose thread runs the stage's loop (the only one, if so), else null. */
    private V2WorkArea current;

    V2RestoreSharingGroups(V2Restore restore) {
        super(StageIds.RESTORE_SHARING_GROUPS, "peer groups, masters and unbindable marks as in the image");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        V2Calls calls = new V2Calls(context.kernel());
        BuildPlan plan = restore.plan;
        SharingGroups sharing = new SharingGroups(plan, plan.allMounts());
        Map<Integer, Helper> helpers = new HashMap<>();
        List<RawString> helperNames = new ArrayList<>();
        Map<Integer, SharingGroups.Group> byId = new HashMap<>();
        for (SharingGroups.Group g : sharing.mastersFirst()) {
            byId.put(g.id, g);
            if (g.anchor == null) {
                helpers.put(g.id, helper(calls, g, helperNames));
            }
        }
        // With one namespace, the whole loop is one task on its thread instead of one per group.
        V2WorkArea only = restore.areas.size() == 1 ? restore.areas.values().iterator().next() : null;
        ThrowingRunnable<RuntimeException> groups = () -> {
            current = only;
            try {
                for (SharingGroups.Group g : sharing.mastersFirst()) {
                    SharingGroups.Group master = g.masterId != 0 ? byId.get(g.masterId) : null;
                    try (OwnedFds.Owned masterFd = master != null ? openAnchor(calls, master, helpers) : null) {
                        buildGroup(calls, g, masterFd, helpers, false);
                    }
                }
                for (SharingGroups.Group g : sharing.mastersFirst()) {
                    if (!g.pureSlaves.isEmpty()) {
                        buildGroup(calls, g, null, helpers, true);
                    }
                }
            } finally {
                current = null;
            }
        };
        if (only != null) {
            only.thread().run(groups);
        } else {
            groups.run();
        }
        for (var entry : restore.areas.entrySet()) {
            entry.getValue().thread().run(() -> {
                for (Mount m : plan.depthFirst(entry.getKey())) {
                    if (m.unbindable()) {
                        try (OwnedFds.Owned fd = restore.reach(calls, m)) {
                            calls.propagation(fd.fd(), MountFlags.MS_UNBINDABLE);
                        } catch (NativeCallException e) {
                            throw new MountStageException(id(), plan.label(m), e);
                        }
                    }
                }
            });
        }
        dropHelpers(context.kernel(), helperNames);
        // A successful restore releases the rollback stack without running it, so a helper's fd
        // left open would keep its detached clone alive, still a peer of the restored group.
        for (Helper h : helpers.values()) {
            h.fd().close();
        }
    }

    /**
     * The first pass over a group (not {@code slaves}): its anchor joins the master's group as a
     * slave if {@code masterFd} is given, then starts a new peer group, and every other member copies
     * it. The second pass ({@code slaves}): its pure slaves copy it and turn slave. One task per
     * namespace, the anchor's first.
     */
    private void buildGroup(V2Calls calls, SharingGroups.Group g, OwnedFds.Owned masterFd,
                            Map<Integer, Helper> helpers, boolean slaves) {
        Map<V2WorkArea, List<Mount>> byArea = new LinkedHashMap<>();
        if (g.anchor != null) {
            byArea.put(restore.area(g.anchor), new ArrayList<>());
        }
        for (Mount m : slaves ? g.pureSlaves : g.members) {
            if (m != g.anchor) {
                byArea.computeIfAbsent(restore.area(m), a -> new ArrayList<>()).add(m);
            }
        }
        Helper helper = helpers.get(g.id);
        OwnedFds.Owned anchorFd = helper != null ? OwnedFds.borrow(helper.fd()) : null;
        try {
            if (helper != null && !slaves) {
                restore.work.thread().run(() -> setUpAnchor(calls, g, helper.fd().fd(), masterFd));
            }
            for (var entry : byArea.entrySet()) {
                OwnedFds.Owned held = anchorFd;
                OwnedFds.Owned opened = on(entry.getKey(), () -> {
                    OwnedFds.Owned from = held;
                    if (from == null) {
                        from = reachAnchor(calls, g);
                        if (!slaves) {
                            setUpAnchor(calls, g, from.fd(), masterFd);
                        }
                    }
                    for (Mount m : entry.getValue()) {
                        copy(calls, from.fd(), m, slaves);
                    }
                    return from;
                });
                anchorFd = opened;
            }
        } finally {
            if (anchorFd != null) {
                anchorFd.close();
            }
        }
    }

    private void setUpAnchor(V2Calls calls, SharingGroups.Group g, int anchorFd, OwnedFds.Owned masterFd) {
        try {
            if (masterFd != null) {
                calls.setGroup(masterFd.fd(), anchorFd);
                calls.propagation(anchorFd, MountFlags.MS_SLAVE);
            }
            calls.propagation(anchorFd, MountFlags.MS_SHARED);
        } catch (NativeCallException e) {
            throw new MountStageException(id(), "peer group " + g.id + " anchored on " + anchorLabel(g), e);
        }
    }

    private String anchorLabel(SharingGroups.Group g) {
        return g.anchor != null ? restore.plan.label(g.anchor)
                : "a helper clone of " + restore.plan.source(g.members.get(0)).describe();
    }

    /** The anchor of {@code g}, reached on its namespace's thread (which the caller is on). */
    private OwnedFds.Owned reachAnchor(V2Calls calls, SharingGroups.Group g) {
        try {
            return restore.reach(calls, g.anchor);
        } catch (NativeCallException e) {
            throw new MountStageException(id(), "peer group " + g.id + " anchored on " + anchorLabel(g), e);
        }
    }

    /** An fd on the anchor of {@code g}, opened on its namespace's thread, for a slave group to copy from. */
    private OwnedFds.Owned openAnchor(V2Calls calls, SharingGroups.Group g, Map<Integer, Helper> helpers) {
        Helper helper = helpers.get(g.id);
        if (helper != null) {
            return OwnedFds.borrow(helper.fd());
        }
        return on(restore.area(g.anchor), () -> reachAnchor(calls, g));
    }

    /** Runs {@code task} on {@code area}'s thread: in place when the loop already runs there. */
    private <T> T on(V2WorkArea area, ThrowingCallable<T, RuntimeException> task) {
        return area == current ? task.call() : area.thread().call(task);
    }

    private void copy(V2Calls calls, int from, Mount m, boolean slave) {
        try (OwnedFds.Owned to = restore.reach(calls, m)) {
            calls.setGroup(from, to.fd());
            if (slave) {
                calls.propagation(to.fd(), MountFlags.MS_SLAVE);
            }
        } catch (NativeCallException e) {
            throw new MountStageException(id(), restore.plan.label(m), e);
        }
    }

    /**
     * A clone of the source's root, attached on a plain mountpoint in the sources namespace: a
     * member of no namespace of the result, wide enough to hand the group to every member.
     */
    private Helper helper(V2Calls calls, SharingGroups.Group g, List<RawString> helpers) {
        ContentSource source = restore.plan.source(g.members.get(0));
        RawString name = RawString.of("helper-" + g.id);
        V2WorkArea work = restore.work;
        try {
            return work.thread().call(() -> {
                Kernel k = calls.kernel();
                OwnedFds.Owned clone;
                try (OwnedFds.Owned sourceFd = restore.openSource(calls, source)) {
                    clone = restore.fds.own("helper for peer group " + g.id, calls.cloneBeneath(sourceFd.fd(), RawString.EMPTY));
                }
                k.mkdirat(work.dir().fd(), name, 0700);
                k.moveMount(clone.fd(), RawString.EMPTY, work.dir().fd(), name, MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
                helpers.add(name);
                return new Helper(clone);
            });
        } catch (NativeCallException e) {
            throw new MountStageException(id(), "helper for peer group " + g.id + " from " + source.describe(), e);
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
