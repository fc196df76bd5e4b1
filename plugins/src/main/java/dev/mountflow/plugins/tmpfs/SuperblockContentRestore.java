package dev.mountflow.plugins.tmpfs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mountflow.error.InputException;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.plugin.PluginContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The content archives of one restore. They are opened before anything is mounted, from the
 * runner's thread (the engine announces filesystems from threads of namespaces in which the image
 * directory may be covered), and each is extracted into its superblock when the engine creates it;
 * each archive is read once and closed after, the unused ones at the end.
 */
final class SuperblockContentRestore implements AutoCloseable {
    private final Map<DeviceId, FileChannel> archives = new HashMap<>();
    private final Map<DeviceId, Path> files = new HashMap<>();

    /**
     * Opens the archive of each tmpfs superblock of the image that has one; one the manifest lists
     * but that is missing is an error.
     */
    void open(PluginContext context) throws IOException {
        if (context.imageDir().isEmpty()) {
            return;
        }
        Path dir = context.imageDir().get();
        JsonNode listed = context.pluginData().path("superblocks");
        for (JsonNode sb : listed) {
            Path file = dir.resolve(ContentArchive.fileName(DeviceId.parse(sb.path("device").asText())));
            if (!Files.isRegularFile(file)) {
                throw new InputException("the manifest lists the content of tmpfs " + sb.path("device").asText()
                        + " in '" + file + "', which is missing");
            }
        }
        for (MountNamespace ns : context.image().namespaces()) {
            for (Mount m : ns.mounts()) {
                if (!m.fstype().equals("tmpfs") || m.isExternal() || archives.containsKey(m.device())) {
                    continue;
                }
                Path file = dir.resolve(ContentArchive.fileName(m.device()));
                if (Files.isRegularFile(file)) {
                    archives.put(m.device(), FileChannel.open(file, StandardOpenOption.READ));
                    files.put(m.device(), file);
                }
            }
        }
    }

    /** Whether an archive is still to be extracted. */
    boolean anyLeft() {
        return !archives.isEmpty();
    }

    /** Fills the new filesystem {@code rootFd} of {@code first}'s superblock, if it has an archive. */
    void fill(PluginContext context, Mount first, int rootFd) throws IOException {
        FileChannel archive = archives.remove(first.device());
        if (archive == null || !first.fstype().equals("tmpfs")) {
            return;
        }
        try (InputStream in = new GZIPInputStream(Channels.newInputStream(archive), 1 << 16)) {
            int entries = new ContentExtractor(context.restore().kernel(), rootFd).extract(in);
            context.log("restored " + entries + " entries of tmpfs " + first.device() + " from " + files.get(first.device()));
        } catch (IOException e) {
            throw new IOException("tmpfs " + first.device() + " from '" + files.get(first.device()) + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Fails when an archive was left unread: its superblock was never announced by the engine
     * ({@code RestoreContext.freshFilesystem}), so the restored tmpfs would be silently empty.
     */
    void requireAllFilled() {
        if (!archives.isEmpty()) {
            throw new IllegalStateException("the engine created no announced filesystem for tmpfs "
                    + String.join(", ", archives.keySet().stream().sorted().map(d -> d + " ('" + files.get(d) + "')").toList())
                    + ", so the content dumped for it was not restored");
        }
    }

    @Override
    public void close() throws IOException {
        for (FileChannel c : archives.values()) {
            c.close();
        }
        archives.clear();
    }
}
