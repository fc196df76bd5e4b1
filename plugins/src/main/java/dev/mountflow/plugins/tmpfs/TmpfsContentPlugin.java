package dev.mountflow.plugins.tmpfs;

import dev.mountflow.engine.StageIds;
import dev.mountflow.model.Mount;
import dev.mountflow.plugin.DumpHooks;
import dev.mountflow.plugin.FreshFilesystemHook;
import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginContext;
import dev.mountflow.plugin.RestoreHooks;

/**
 * The content of tmpfs filesystems: {@code dump} stores each tmpfs superblock's files once, in
 * CRIU's format ({@code tmpfs-dev-<s_dev>.tar.gz.img}: owners, permissions, times, symlinks, hard
 * links, device nodes, fifos, holes of sparse files, extended attributes), files hidden under
 * overmounts included; {@code restore} writes them into each tmpfs the engine creates, right when
 * it is created: before anything is mounted on it, before sharing and read-only flags.
 */
public final class TmpfsContentPlugin implements PipelinePlugin {
    public static final String ID = "tmpfs-content";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the files of tmpfs filesystems, dumped as CRIU's tmpfs-dev-<dev>.tar.gz.img, restored into each new tmpfs";
    }

    @Override
    public DumpHooks dumpHooks() {
        return DumpHooks.builder().write(context -> new SuperblockContentDump().write(context)).build();
    }

    @Override
    public RestoreHooks restoreHooks() {
        SuperblockContentRestore archives = new SuperblockContentRestore();
        return RestoreHooks.builder()
                .before(StageIds.VALIDATE, context -> {
                    archives.open(context);
                    context.restore().rollback().push("tmpfs content archives", archives);
                })
                .freshFilesystems(new FreshFilesystemHook() {
                    @Override
                    public void created(PluginContext context, Mount first, int rootFd) throws Exception {
                        archives.fill(context, first, rootFd);
                    }

                    /** Only while an archive waits: an image without tmpfs content costs the engine nothing. */
                    @Override
                    public boolean wanted(PluginContext context) {
                        return archives.anyLeft();
                    }
                })
                .before(StageIds.VERIFY, context -> archives.requireAllFilled())
                .after(StageIds.PUBLISH, context -> archives.close())
                .build();
    }
}
