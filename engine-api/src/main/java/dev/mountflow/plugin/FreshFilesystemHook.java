package dev.mountflow.plugin;

import dev.mountflow.model.Mount;

/**
 * What a plugin does with a filesystem the engine just created, before anything is mounted on or
 * below it and before sharing and read-only flags: put content in. See
 * {@link dev.mountflow.engine.RestoreContext#freshFilesystem}.
 */
@FunctionalInterface
public interface FreshFilesystemHook {
    /**
     * @param first the first image mount of the filesystem's superblock (its device, type, options)
     * @param rootFd an fd on the root of the new filesystem, writable; not the hook's to close
     */
    void created(PluginContext context, Mount first, int rootFd) throws Exception;

    /**
     * Whether the hook still has anything to do in this restore; asked by engines (through
     * {@link dev.mountflow.engine.RestoreContext#wantsFreshFilesystems}) from the first engine
     * stage on, after the plugin's hooks before validate ran. When no hook wants them, an engine
     * need not open an fd on each new filesystem only to announce it.
     */
    default boolean wanted(PluginContext context) {
        return true;
    }
}
