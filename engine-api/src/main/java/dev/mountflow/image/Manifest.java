package dev.mountflow.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.error.ImageFormatException;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code mountflow.json}, the image directory's table of contents: which namespace files exist,
 * which one is the root, where each namespace was read from, the external-mount keys a restore
 * must be given, and plugins' data. Written pretty-printed with its fields in a fixed order:
 *
 * <pre>{@code
 * {
 *   "formatVersion" : 1,
 *   "toolVersion" : "0.1.0",
 *   "rootNamespace" : 1,
 *   "namespaces" : [ { "id" : 1, "pid" : 4242, "kernelId" : 4026531841,
 *                      "file" : "mountpoints-1.img", "mounts" : 27 } ],
 *   "externals" : [ { "key" : "data", "mountpoint" : "/srv/data", "namespace" : 1 } ],
 *   "pluginData" : { }
 * }
 * }</pre>
 *
 * {@code externals} is derived from the mounts and is there for people and tools that read the
 * manifest alone. A mountpoint that is not valid UTF-8 is written as
 * {@code {"base64": ..., "printable": ...}}.
 *
 * @param pluginData one member per plugin, each plugin's own JSON; empty until plugins write any
 */
public record Manifest(
        int formatVersion,
        String toolVersion,
        int rootNamespace,
        List<NamespaceEntry> namespaces,
        List<External> externals,
        ObjectNode pluginData) {

    public static final String FILE_NAME = "mountflow.json";
    public static final int FORMAT_VERSION = 1;

    /** One namespace's entry: its ids and the file that holds its {@code mounts} records. */
    public record NamespaceEntry(int id, long pid, long kernelId, String file, int mounts) {
        public NamespaceEntry {
            Objects.requireNonNull(file, "file");
        }
    }

    /** An external mount: the key the operator maps to a host path at restore. */
    public record External(String key, RawString mountpoint, int namespace) {
        public External {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(mountpoint, "mountpoint");
        }
    }

    public Manifest {
        Objects.requireNonNull(toolVersion, "toolVersion");
        namespaces = List.copyOf(namespaces);
        externals = List.copyOf(externals);
        pluginData = pluginData.deepCopy();
    }

    @Override
    public ObjectNode pluginData() {
        return pluginData.deepCopy();
    }

    /** The name of the file that holds namespace {@code id}'s mounts. */
    public static String imageFileName(int id) {
        return "mountpoints-" + id + ".img";
    }

    /** The manifest describing {@code image}, with no plugin data. */
    public static Manifest of(MountImage image) {
        return of(image, JsonNodeFactory.instance.objectNode());
    }

    /** The manifest describing {@code image}, with plugins' data (one member per plugin id). */
    public static Manifest of(MountImage image, ObjectNode pluginData) {
        List<NamespaceEntry> namespaces = new ArrayList<>();
        List<External> externals = new ArrayList<>();
        for (MountNamespace ns : image.namespaces()) {
            namespaces.add(new NamespaceEntry(ns.id(), ns.pid(), ns.kernelId(),
                    imageFileName(ns.id()), ns.mounts().size()));
            for (Mount mount : ns.mounts()) {
                if (mount.isExternal()) {
                    externals.add(new External(mount.externalKey(), mount.mountpoint(), ns.id()));
                }
            }
        }
        return new Manifest(FORMAT_VERSION, image.toolVersion(), image.rootNamespaceId(),
                namespaces, externals, pluginData);
    }

    /** The pretty-printed JSON text, ending with a newline. */
    public String toJson() {
        return ImageJsonMapper.write(toJsonTree());
    }

    ObjectNode toJsonTree() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("formatVersion", formatVersion);
        root.put("toolVersion", toolVersion);
        root.put("rootNamespace", rootNamespace);
        ArrayNode nsArray = root.putArray("namespaces");
        for (NamespaceEntry ns : namespaces) {
            nsArray.addObject().put("id", ns.id()).put("pid", ns.pid()).put("kernelId", ns.kernelId())
                    .put("file", ns.file()).put("mounts", ns.mounts());
        }
        ArrayNode extArray = root.putArray("externals");
        for (External ext : externals) {
            ObjectNode node = extArray.addObject().put("key", ext.key());
            node.set("mountpoint", RawStringJson.toJson(ext.mountpoint()));
            node.put("namespace", ext.namespace());
        }
        root.set("pluginData", pluginData.deepCopy());
        return root;
    }

    /**
     * Parses and checks a manifest: supported format version, every field present and typed, each
     * namespace once, its file named {@code mountpoints-<id>.img}, the root among them.
     *
     * @param document what error messages call the manifest (its path)
     */
    public static Manifest fromJson(byte[] json, String document) {
        return fromJsonTree(ImageJsonMapper.parse(json, document), document);
    }

    static Manifest fromJsonTree(JsonNode tree, String document) {
        JsonFields root = JsonFields.root(tree, document);
        checkFormatVersion(root);
        List<NamespaceEntry> namespaces = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonFields ns : root.objects("namespaces")) {
            int id = ns.integer("id");
            if (!ids.add(id)) {
                throw ns.error("namespace " + id + " is listed twice");
            }
            String file = ns.text("file");
            if (!file.equals(imageFileName(id))) {
                // The name comes from an untrusted file; only the one name we would write is safe.
                throw ns.error("file '" + file + "' of namespace " + id + " must be '"
                        + imageFileName(id) + "'");
            }
            int mounts = ns.integer("mounts");
            if (mounts < 0) {
                throw ns.error("'mounts' must not be negative, got " + mounts);
            }
            namespaces.add(new NamespaceEntry(id, ns.longInteger("pid"), ns.longInteger("kernelId"),
                    file, mounts));
        }
        int rootNamespace = root.integer("rootNamespace");
        if (!ids.contains(rootNamespace)) {
            throw root.error("rootNamespace " + rootNamespace + " is not among the namespaces");
        }
        List<External> externals = new ArrayList<>();
        for (JsonFields ext : root.objects("externals")) {
            externals.add(new External(ext.text("key"), ext.raw("mountpoint"), ext.integer("namespace")));
        }
        return new Manifest(FORMAT_VERSION, root.text("toolVersion"), rootNamespace, namespaces,
                externals, root.object("pluginData"));
    }

    static void checkFormatVersion(JsonFields root) {
        int version = root.integer("formatVersion");
        if (version != FORMAT_VERSION) {
            throw root.error("unsupported formatVersion " + version + " (this mountflow reads "
                    + FORMAT_VERSION + ")");
        }
    }
}
