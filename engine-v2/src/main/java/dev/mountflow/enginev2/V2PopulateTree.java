package dev.mountflow.enginev2;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MoveMountFlags;
import dev.mountflow.spi.NativeCallException;

/**
 * Leaves behind every image mount as a detached, private, childless mount fd with its per-mount
 * flags (all but read-only) set, each a clone of its root path in its source; the sources sit on
 * plain mountpoints in a namespace of their own, holding every root and mountpoint path the tree
 * needs (created where the restore made the filesystem or was allowed to create mountpoints).
 * Sources live in a namespace, never part of the result, because open_tree clones and
 * propagation changes act on mounts of the caller's namespace (Linux 6.16+ refuses propagation
 * changes from elsewhere), and because it is a place for sharing helpers and superblock remounts.
 */
final class V2PopulateTree implements Stage {
    private final V2Restore restore;

    V2PopulateTree(V2Restore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.POPULATE_TREE;
    }

    @Override
    public String leavesBehind() {
        return "every mount exists alone and private as a detached clone of its source";
    }

    @Override
    public void run(RestoreContext context) {
        V2SourceOpener opener = new V2SourceOpener(context.kernel());
        restore.work = V2WorkArea.create(context, restore.fds, "sources", () -> {
            for (V2Source source : restore.plan.sources()) {
                if (!source.isFresh()) {
                    open(opener, source);
                }
            }
        });
        restore.work.thread().run(() -> populate(context, opener));
    }

    private V2Fds.Owned open(V2SourceOpener opener, V2Source source) {
        try {
            V2Fds.Owned fd = restore.fds.own("source " + source.describe(), opener.open(source));
            restore.sourceFds.put(source, fd);
            return fd;
        } catch (NativeCallException e) {
            throw new V2MountException(id(), "source " + source.describe() + " of " + restore.plan.label(source.first()), e);
        }
    }

    private void populate(RestoreContext context, V2SourceOpener opener) {
        Kernel k = context.kernel();
        V2Calls calls = new V2Calls(k);
        V2Plan plan = restore.plan;
        for (V2Source source : plan.sources()) {
            V2Fds.Owned fd = source.isFresh() ? open(opener, source) : restore.sourceFds.get(source);
            try {
                k.mkdirat(restore.work.dir().fd(), source.workName(), 0700);
                k.moveMount(fd.fd(), RawString.EMPTY, restore.work.dir().fd(), source.workName(),
                        MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
                for (Mount m : source.members()) {
                    ensureRoot(calls, source, fd.fd(), m);
                }
            } catch (NativeCallException e) {
                throw new V2MountException(id(), "source " + source.describe() + " of "
                        + plan.label(source.first()), e);
            }
        }
        for (V2Source source : plan.sources()) {
            int sourceFd = restore.sourceFds.get(source).fd();
            for (Mount m : source.members()) {
                try {
                    V2Fds.Owned clone = restore.fds.own(m.label(), calls.cloneBeneath(sourceFd, source.relative(m.root())));
                    restore.mountFds.put(m.id(), clone);
                    calls.setPerMountFlags(clone.fd(), m.flags());
                } catch (NativeCallException e) {
                    throw new V2MountException(id(), plan.label(m), e);
                }
            }
        }
        for (V2Source source : plan.sources()) {
            boolean mayCreate = source.isFresh() || context.request().createMountpoints();
            int sourceFd = restore.sourceFds.get(source).fd();
            for (Mount parent : source.members()) {
                for (Mount child : plan.children(parent)) {
                    ensureMountpoint(calls, sourceFd, mayCreate, parent, child);
                }
            }
        }
    }

    /** A deleted root, or any root in a filesystem this restore created, is made to exist. */
    private void ensureRoot(V2Calls calls, V2Source source, int sourceFd, Mount m) {
        if (!source.isFresh() && !m.deleted()) {
            return;
        }
        RawString rel = source.relative(m.root());
        // The image does not say whether a root is a file; without content to look at, a directory.
        if (calls.ensure(sourceFd, rel, false) && m.deleted()) {
            restore.recreated.add(new V2Restore.RecreatedRoot(source, rel, m));
        }
    }

    /** A mountpoint is created as what the mount on it is: a file bind needs a file. */
    private void ensureMountpoint(V2Calls calls, int sourceFd, boolean mayCreate, Mount parent, Mount child) {
        V2Plan plan = restore.plan;
        RawString rel = plan.mountpointInSource(parent, child);
        if (rel.isEmpty()) {
            return;
        }
        try {
            if (!mayCreate) {
                calls.kernel().close(calls.resolve(sourceFd, rel));
                return;
            }
            boolean file = !calls.kernel().statx(restore.mountFd(child), RawString.EMPTY,
                    AtFlags.AT_EMPTY_PATH).isDirectory();
            calls.ensure(sourceFd, rel, file);
        } catch (NativeCallException e) {
            throw new V2MountException(id(), plan.label(child) + " mountpoint '" + rel + "' in "
                    + plan.source(parent).describe(), e);
        }
    }
}
