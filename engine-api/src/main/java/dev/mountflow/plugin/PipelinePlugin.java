package dev.mountflow.plugin;

import java.util.List;

/**
 * An extension of mountflow's pipeline, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.mountflow.plugin.PipelinePlugin}, in mountflow's own jars or in a
 * jar of {@code --plugin-path DIR}) or handed over by a test. It may hook before and after any
 * stage and on failure, add stages of its own at named positions, add data and files to an image
 * when dumping and read them back when restoring, add options to commands, and report what an
 * interrupted run left behind for {@code mountflow gc}.
 *
 * <p>The instance is shared by every run of its process; whatever one restore or dump needs to
 * keep lives in the hooks, which {@link #restoreHooks()} and {@link #dumpHooks()} make afresh for
 * each run. Anything a hook throws fails the run with a message naming the plugin, and a restore
 * rolls back as for any other failure.
 */
public interface PipelinePlugin {
    /**
     * The stable id: lowercase letters, digits and {@code -} ({@code tmpfs-content}). Two loaded
     * plugins with one id are an error; {@code --disable-plugin ID} turns one off.
     */
    String id();

    /** One line for {@code mountflow plugins}. */
    String description();

    /** The options this plugin adds to mountflow's commands; their values reach its hooks. */
    default List<PluginOption> options() {
        return List.of();
    }

    /**
     * What this plugin does in one restore, made fresh for it. Making it must not touch the
     * system: {@code mountflow plugins} makes one to list where the plugin acts.
     */
    default RestoreHooks restoreHooks() {
        return RestoreHooks.none();
    }

    /** What this plugin does in one dump, made fresh for it; making it must not touch the system. */
    default DumpHooks dumpHooks() {
        return DumpHooks.none();
    }

    /**
     * What an interrupted dump or restore may have left behind that this plugin knows of, for
     * {@code mountflow gc}: found, not yet removed. Nothing to report is an empty list.
     */
    default List<Leftover> leftovers(GcContext context) throws Exception {
        return List.of();
    }
}
