package dev.mountflow.image;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.error.ImageFormatException;
import dev.mountflow.error.InputException;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An image on disk: one {@code mountpoints-<id>.img} per namespace ({@link MountpointsImage}) and
 * the {@link Manifest} {@code mountflow.json}.
 *
 * <p>A directory without {@code mountflow.json} but with {@code mountpoints-*.img} files (a CRIU
 * image directory, or one made with {@code crit encode}) is read as well: its namespaces sorted
 * by id, the lowest id as the root, pid and kernel id 0 and an empty tool version.
 */
public final class ImageDirectory {
    private static final String IMAGE_PREFIX = "mountpoints-";
    private static final String IMAGE_SUFFIX = ".img";
    private static final Pattern NAMESPACE_ID = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final Pattern PLUGIN_FILE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}");

    private ImageDirectory() {
    }

    /**
     * Writes {@code image} into {@code dir}, creating it when absent. Each file is written under a
     * temporary name, synced, then renamed; an old manifest is removed first and the new one
     * written last, so a crash never leaves a manifest that names a missing or partial file.
     */
    public static void write(Path dir, MountImage image) throws IOException {
        write(dir, image, JsonNodeFactory.instance.objectNode());
    }

    /**
     * Removes the manifest of whatever image {@code dir} holds, creating {@code dir} when absent:
     * the first step of a dump, before plugins write their files with {@link #writeFile}, so that
     * no manifest ever names files of two different dumps.
     */
    public static void prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException("'" + dir + "' is not a directory");
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(Manifest.FILE_NAME));
    }

    /** As {@link #write(Path, MountImage)}, with plugins' data in the manifest. */
    public static void write(Path dir, MountImage image, ObjectNode pluginData) throws IOException {
        Set<Integer> ids = new HashSet<>();
        for (MountNamespace ns : image.namespaces()) {
            if (!ids.add(ns.id())) {
                throw new IllegalArgumentException("namespace " + ns.id() + " appears twice in the image");
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException("'" + dir + "' is not a directory");
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(Manifest.FILE_NAME));
        for (MountNamespace ns : image.namespaces()) {
            writeAtomically(dir, Manifest.imageFileName(ns.id()),
                    out -> MountpointsImage.write(ns.mounts(), out));
        }
        String manifest = Manifest.of(image, pluginData).toJson();
        writeAtomically(dir, Manifest.FILE_NAME,
                out -> out.write(manifest.getBytes(StandardCharsets.UTF_8)));
        try (FileChannel dirChannel = FileChannel.open(dir, StandardOpenOption.READ)) {
            dirChannel.force(true);
        }
    }

    /** A plugin's file: a plain name that is neither hidden nor one of the image's own files. */
    public static boolean isPluginFileName(String name) {
        return PLUGIN_FILE.matcher(name).matches() && !name.equals(Manifest.FILE_NAME)
                && !(name.startsWith(IMAGE_PREFIX) && name.endsWith(IMAGE_SUFFIX));
    }

    /**
     * Writes a plugin's file {@code name} into {@code dir} under a temporary name
     * ({@link #temporaryName}), synced, then renamed: a crash leaves the old file or the new one,
     * plus at worst the temporary, which {@code mountflow gc} removes.
     */
    public static void writeFile(Path dir, String name, Body body) throws IOException {
        if (!isPluginFileName(name)) {
            throw new IllegalArgumentException("'" + name + "' cannot be a file of an image");
        }
        writeAtomically(dir, name, body);
    }

    /** The name a file is written under before it is renamed into place. */
    public static String temporaryName(String name) {
        return "." + name + ".tmp";
    }

    /** The manifest of the image in {@code dir}; empty for a directory without one (a CRIU image). */
    public static Optional<Manifest> readManifest(Path dir) throws IOException {
        Path manifestFile = dir.resolve(Manifest.FILE_NAME);
        if (!Files.exists(manifestFile)) {
            return Optional.empty();
        }
        return Optional.of(Manifest.fromJson(Files.readAllBytes(manifestFile), manifestFile.toString()));
    }

    /**
     * Reads the image in {@code dir}.
     *
     * @throws ImageFormatException when {@code dir} is not a directory, holds no image, or a
     *     manifest or image file in it is malformed, missing or inconsistent
     */
    public static MountImage read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ImageFormatException("'" + dir + "' is not a directory");
        }
        Path manifestFile = dir.resolve(Manifest.FILE_NAME);
        if (Files.exists(manifestFile)) {
            return readWithManifest(dir, manifestFile);
        }
        TreeMap<Integer, Path> files = imageFiles(dir);
        if (files.isEmpty()) {
            throw new ImageFormatException("'" + dir + "' is not a mountflow image: no "
                    + Manifest.FILE_NAME + " and no mountpoints-*.img");
        }
        List<MountNamespace> namespaces = new ArrayList<>();
        for (var file : files.entrySet()) {
            namespaces.add(new MountNamespace(file.getKey(), 0, 0, readImageFile(file.getValue())));
        }
        return new MountImage(files.firstKey(), "", namespaces);
    }

    private static MountImage readWithManifest(Path dir, Path manifestFile) throws IOException {
        String document = manifestFile.toString();
        Manifest manifest = Manifest.fromJson(Files.readAllBytes(manifestFile), document);
        List<MountNamespace> namespaces = new ArrayList<>();
        for (Manifest.NamespaceEntry ns : manifest.namespaces()) {
            Path file = dir.resolve(ns.file());
            if (!Files.isRegularFile(file)) {
                throw new ImageFormatException(document + ": namespace " + ns.id() + ": file '"
                        + ns.file() + "' is missing");
            }
            List<Mount> mounts = readImageFile(file);
            if (mounts.size() != ns.mounts()) {
                throw new ImageFormatException(document + ": namespace " + ns.id() + " lists "
                        + ns.mounts() + " mounts but '" + ns.file() + "' holds " + mounts.size());
            }
            namespaces.add(new MountNamespace(ns.id(), ns.pid(), ns.kernelId(), mounts));
        }
        return new MountImage(manifest.rootNamespace(), manifest.toolVersion(), namespaces);
    }

    private static TreeMap<Integer, Path> imageFiles(Path dir) throws IOException {
        TreeMap<Integer, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> entries =
                Files.newDirectoryStream(dir, IMAGE_PREFIX + "*" + IMAGE_SUFFIX)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String id = name.substring(IMAGE_PREFIX.length(), name.length() - IMAGE_SUFFIX.length());
                files.put(namespaceId(id, entry), entry);
            }
        }
        return files;
    }

    // Only the form Manifest.imageFileName writes: "01" would alias "1", and ids are ints.
    private static int namespaceId(String id, Path file) {
        try {
            if (NAMESPACE_ID.matcher(id).matches()) {
                return Integer.parseInt(id);
            }
        } catch (NumberFormatException e) {
            // too large for an int: reported below like any other malformed id
        }
        throw new ImageFormatException("'" + file + "': '" + id + "' is not a namespace id");
    }

    private static List<Mount> readImageFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return MountpointsImage.read(new BufferedInputStream(in), file.toString());
        }
    }

    /** A file's content, written to a stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path dir, String name, Body body) throws IOException {
        Path temporary = dir.resolve(temporaryName(name));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
