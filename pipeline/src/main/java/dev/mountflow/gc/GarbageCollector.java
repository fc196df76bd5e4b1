package dev.mountflow.gc;

import dev.mountflow.error.InputException;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.model.MountImage;
import dev.mountflow.plugin.GcContext;
import dev.mountflow.plugin.Leftover;
import dev.mountflow.plugin.PluginException;
import dev.mountflow.plugin.PluginInputException;
import dev.mountflow.plugin.PluginOptions;
import dev.mountflow.pluginset.ActivePlugin;
import dev.mountflow.spi.Kernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mountflow gc}: asks every plugin what an interrupted dump or restore left in the
 * directories given (pinned namespaces, unfinished files, link remaps), then removes each.
 */
public final class GarbageCollector {
    /** A leftover and the plugin that found it. */
    public record Found(String pluginId, Leftover leftover) {
        /** {@code namespace pin '/pins/1' (mnt:[4026532451])}. */
        public String describe() {
            return leftover.kind() + " " + leftover.what();
        }
    }

    private final Kernel kernel;
    private final List<ActivePlugin> plugins;

    public GarbageCollector(Kernel kernel, List<ActivePlugin> plugins) {
        this.kernel = kernel;
        this.plugins = List.copyOf(plugins);
    }

    /**
     * Every leftover the plugins find in {@code nsDir} and {@code imageDir}, in plugin order.
     *
     * @throws InputException when a directory given is missing
     */
    public List<Found> find(Path nsDir, Path imageDir) {
        requireDirectory("--ns-dir", nsDir);
        requireDirectory("-D", imageDir);
        Optional<MountImage> image = readable(imageDir);
        List<Found> out = new ArrayList<>();
        for (ActivePlugin p : plugins) {
            Context context = new Context(p.id(), p.options(), Optional.ofNullable(nsDir), Optional.ofNullable(imageDir),
                    image, kernel);
            try {
                p.plugin().leftovers(context).forEach(l -> out.add(new Found(p.id(), l)));
            } catch (InputException e) {
                throw new PluginInputException(p.id(), e);
            } catch (Exception e) {
                throw new PluginException(p.id(), "failed looking for leftovers", e);
            }
        }
        return out;
    }

    private static void requireDirectory(String option, Path dir) {
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputException(option + " '" + dir + "' is not a directory");
        }
    }

    // An interrupted dump may have left no manifest or a partial image: then there is none to read.
    private static Optional<MountImage> readable(Path dir) {
        if (dir == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImageDirectory.read(dir));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private record Context(String pluginId, PluginOptions options, Optional<Path> nsDir, Optional<Path> imageDir,
                           Optional<MountImage> image, Kernel kernel) implements GcContext {
    }
}
