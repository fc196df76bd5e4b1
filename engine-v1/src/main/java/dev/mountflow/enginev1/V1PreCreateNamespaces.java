package dev.mountflow.enginev1;

import dev.mountflow.build.ContentSource;
import dev.mountflow.build.HostContentCheck;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.EngineStage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.OpenFlags;
import dev.mountflow.spi.ResolveFlags;

/**
 * Leaves behind the work namespace (a private namespace thread, its {@code /} rprivate) holding
 * the roots yard: a private tmpfs on {@link V1Restore#YARD}, inside the work namespace only, with
 * one empty directory per image namespace. The namespaces themselves are split off the work
 * namespace in assemble, once their trees are built.
 */
final class V1PreCreateNamespaces extends EngineStage {
    private final V1Restore restore;

    V1PreCreateNamespaces(V1Restore restore) {
        super(StageIds.PRE_CREATE_NAMESPACES, "a private work namespace holding the roots yard tmpfs, one directory per image namespace");
        this.restore = restore;
    }

    @Override
    public void run(RestoreContext context) {
        restore.work = context.rollback().push("work namespace", context.namespaces().newPrivate());
        Kernel k = context.kernel();
        restore.work.run(() -> {
            // Before the yard covers its directory: a --root below it would be hidden afterwards.
            for (ContentSource source : restore.tree.sources()) {
                if (!source.isFresh()) {
                    restore.hostDirs.put(source, restore.fds.own(source.describe(),
                            HostContentCheck.PATH.open(k, RawString.of(source.hostPath().toString()))));
                }
            }
            try (var dir = restore.fds.own("yard directory", k.openat2(AtFlags.AT_FDCWD, V1Restore.YARD,
                    OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0, ResolveFlags.RESOLVE_NO_SYMLINKS))) {
                k.mount(RawString.of("mountflow-yard"), V1Calls.link(dir.fd()), "tmpfs",
                        MountFlags.MS_NOSUID | MountFlags.MS_NODEV, RawString.of("mode=0700"));
            }
            restore.yard = restore.fds.own("roots yard", k.openat2(AtFlags.AT_FDCWD, V1Restore.YARD,
                    OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0, ResolveFlags.RESOLVE_NO_SYMLINKS));
            for (MountNamespace ns : context.image().namespaces()) {
                k.mkdirat(restore.yard.fd(), V1Locations.namespaceDir(ns.id()), 0700);
            }
        });
    }
}
