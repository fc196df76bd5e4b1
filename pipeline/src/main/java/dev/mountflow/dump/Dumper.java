package dev.mountflow.dump;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.error.IoMessages;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.pluginset.ActivePlugin;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.Namespaces;
import dev.mountflow.validate.ImageValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code mountflow dump}: captures live mount namespaces into an image, refusing what a restore
 * could not rebuild faithfully, with the plugins' changes (external marks) and additions (content
 * files, data). Each namespace's mountinfo is read exactly once.
 */
public final class Dumper {
    private final LiveNamespaceReader reader;
    private final String toolVersion;
    private final Kernel kernel;
    private final Namespaces namespaces;
    private final List<ActivePlugin> plugins;
    private final Consumer<String> log;

    /** A dumper without plugins. */
    public Dumper(LiveNamespaceReader reader, String toolVersion) {
        this(reader, toolVersion, null, null, List.of(), line -> { });
    }

    /**
     * @param kernel and {@code namespaces}: what plugins' tasks use to reach the live namespaces
     * @param plugins the plugins taking part, in the order their hooks run
     */
    public Dumper(LiveNamespaceReader reader, String toolVersion, Kernel kernel, Namespaces namespaces,
                  List<ActivePlugin> plugins, Consumer<String> log) {
        this.reader = reader;
        this.toolVersion = toolVersion;
        this.kernel = kernel;
        this.namespaces = namespaces;
        this.plugins = List.copyOf(plugins);
        this.log = log;
    }

    /**
     * Reads, checks and writes the image; nothing is written when a check fails. The old
     * manifest goes first and the new one is written last, after the plugins' files.
     */
    public MountImage dump(DumpRequest request, Path dir) {
        try (DumpPlugins run = new DumpPlugins(plugins, kernel, namespaces, request.pid(), log)) {
            MountImage image = check(run.adjust(toImage(reader.read(request.pid(), request.tree()))));
            try {
                ImageDirectory.prepare(dir);
                ObjectNode data = run.write(image, dir);
                ImageDirectory.write(dir, image, data);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the image to '" + dir + "': " + IoMessages.describe(e), e);
            }
            return image;
        }
    }

    /** Reads the live namespaces into a checked, validated image, with the plugins' changes. */
    public MountImage capture(DumpRequest request) {
        try (DumpPlugins run = new DumpPlugins(plugins, kernel, namespaces, request.pid(), log)) {
            return check(run.adjust(toImage(reader.read(request.pid(), request.tree()))));
        }
    }

    /** Turns live namespaces into an image: namespace ids 1, 2, … in discovery order. */
    public MountImage toImage(List<LiveNamespace> live) {
        List<MountNamespace> namespaces = new ArrayList<>(live.size());
        int nextId = 1;
        for (LiveNamespace ns : live) {
            int id = nextId++;
            List<Mount> mounts = new ArrayList<>(ns.entries().size());
            for (MountInfoEntry entry : ns.entries()) {
                try {
                    mounts.add(entry.toMount());
                } catch (IllegalArgumentException e) {
                    throw new DumpRefusedException(List.of("namespace " + id + " (pid " + ns.pid() + "), mount "
                            + entry.mountId() + " '" + entry.mountpoint() + "': " + e.getMessage()));
                }
            }
            namespaces.add(new MountNamespace(id, ns.pid(), ns.kernelId(), mounts));
        }
        return new MountImage(namespaces.get(0).id(), toolVersion, namespaces);
    }

    /** Refuses what cannot be restored, then validates. */
    public MountImage check(MountImage image) {
        List<String> problems = new DumpabilityCheck().problems(image);
        if (!problems.isEmpty()) {
            throw new DumpRefusedException(problems);
        }
        new ImageValidator().validate(image);
        return image;
    }
}
