package dev.mountflow.plugin;

import dev.mountflow.model.MountImage;
import dev.mountflow.spi.Kernel;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code mountflow gc} was pointed at, for plugins to look for leftovers there. */
public interface GcContext {
    String pluginId();

    PluginOptions options();

    /** {@code --ns-dir DIR}: where a restore pins namespaces. */
    Optional<Path> nsDir();

    /** {@code -D DIR}: an image directory a dump wrote or a restore read. */
    Optional<Path> imageDir();

    /** The image in {@link #imageDir()}, when it holds a readable one. */
    Optional<MountImage> image();

    Kernel kernel();
}
