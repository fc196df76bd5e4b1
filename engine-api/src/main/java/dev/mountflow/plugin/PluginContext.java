package dev.mountflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.model.MountImage;
import java.nio.file.Path;
import java.util.Optional;

/** What a plugin's restore hooks see: the restore, the image as dumped, the plugin's options and data. */
public interface PluginContext {
    /** The id of the plugin this context is for. */
    String pluginId();

    /** The image as dumped (the engine may have been given a view adjusted by plugins: {@link RestoreContext#image()}). */
    MountImage image();

    /** The values of this plugin's options. */
    PluginOptions options();

    /** The image directory, when the image came from one. */
    Optional<Path> imageDir();

    /**
     * This plugin's member of the manifest's {@code pluginData}, as its dump hooks wrote it; a
     * missing node when there is none (a CRIU image, or a dump without the plugin).
     */
    JsonNode pluginData();

    /**
     * The restore's context: kernel, namespaces, rollback, restored namespaces.
     *
     * @throws IllegalStateException in a {@link RestoreHooks.RequestAdjuster} or
     *     {@link RestoreHooks.ImageAdjuster}, which run before it exists
     */
    RestoreContext restore();

    /** The id of the stage running (or whose hooks run) now; null before the first stage. */
    String currentStage();

    /** A progress line, prefixed with the plugin's id. */
    void log(String message);
}
