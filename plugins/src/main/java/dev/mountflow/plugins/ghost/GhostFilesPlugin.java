package dev.mountflow.plugins.ghost;

import dev.mountflow.engine.StageIds;
import dev.mountflow.plugin.DumpHooks;
import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.plugin.PluginOption;
import dev.mountflow.plugin.PluginStage;
import dev.mountflow.plugin.RestoreHooks;
import dev.mountflow.plugin.StagePosition;
import java.util.List;

/**
 * Ghost files: files the image carries to be created again on their mounts (CRIU restores
 * deleted-but-open files this way). {@code dump --ghost-file PATH} stores the file at PATH of the
 * dumped namespace with its content, permissions, owner and time; {@code restore} creates each on
 * its mount once the tree is final, remounting a read-only mount writable just for that and back
 * to exactly its flags (see {@link GhostFileRestore} for the rules and their reasons).
 */
public final class GhostFilesPlugin implements PipelinePlugin {
    public static final String ID = "ghost-files";
    public static final String STAGE = "ghost-files";
    static final String OPTION = "--ghost-file";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "files the image carries (path, mode, owner, content), created on their mounts at restore,"
                + " read-only ones remounted writable for it";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(PluginOption.values(PluginCommand.DUMP, OPTION, "PATH",
                "Store the file at PATH (in the dumped namespace) in the image, to be created again at restore."));
    }

    @Override
    public DumpHooks dumpHooks() {
        return DumpHooks.builder().write(context -> new GhostFileDump().write(context, context.options().values(OPTION)))
                .build();
    }

    @Override
    public RestoreHooks restoreHooks() {
        GhostFileRestore ghosts = new GhostFileRestore();
        return RestoreHooks.builder()
                .before(StageIds.VALIDATE, ghosts::plan)
                .before(StageIds.REMOUNT_READ_ONLY, ghosts::writeOnReadOnlySuperblocks)
                .stage(new PluginStage(STAGE, StagePosition.after(StageIds.REMOUNT_READ_ONLY),
                        "the image's ghost files exist on their mounts; read-only mounts are read-only again, flags unchanged",
                        ghosts::writeTheRest))
                .build();
    }
}
