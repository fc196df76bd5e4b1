package dev.mountflow.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole image as one JSON document, for {@code mountflow show --json} and for building images
 * by hand: the {@link Manifest} with each namespace's {@code mounts} count replaced by the mounts
 * themselves.
 *
 * <pre>{@code
 * { "formatVersion" : 1, "toolVersion" : "0.1.0", "rootNamespace" : 1,
 *   "namespaces" : [ { "id" : 1, "pid" : 4242, "kernelId" : 4026531841,
 *                      "file" : "mountpoints-1.img",
 *                      "mounts" : [ { "id" : 21, "parent" : 1, "device" : "0:21",
 *                                     "root" : "/", "mountpoint" : "/proc", "fstype" : "proc",
 *                                     "source" : "proc",
 *                                     "flags" : [ "MS_NOSUID", "MS_NODEV" ], "flagsValue" : 6,
 *                                     "superFlags" : [ ], "superFlagsValue" : 0,
 *                                     "options" : "", "shared" : 0, "master" : 0,
 *                                     "unbindable" : false, "deleted" : false,
 *                                     "externalKey" : null } ] } ],
 *   "externals" : [ ], "pluginData" : { } }
 * }</pre>
 *
 * Paths, source and options are JSON strings when their bytes are valid UTF-8 and otherwise
 * {@code {"base64": "L2H/", "printable": "/a\\xff"}}; reading uses {@code base64} only.
 * {@code externals} is derived from the mounts and ignored when reading.
 */
public final class ImageJson {
    private static final String DEFAULT_DOCUMENT = "image JSON";

    private ImageJson() {
    }

    /** The pretty-printed document, ending with a newline. */
    public static String write(MountImage image) {
        ObjectNode root = Manifest.of(image).toJsonTree();
        ArrayNode namespaces = (ArrayNode) root.get("namespaces");
        for (int i = 0; i < image.namespaces().size(); i++) {
            ArrayNode mounts = ((ObjectNode) namespaces.get(i)).putArray("mounts");
            image.namespaces().get(i).mounts().forEach(m -> mounts.add(MountJson.toJson(m)));
        }
        return ImageJsonMapper.write(root);
    }

    /** Reads a document {@link #write} made; errors name it {@code image JSON}. */
    public static MountImage read(String json) {
        return read(json, DEFAULT_DOCUMENT);
    }

    /**
     * Reads a document {@link #write} made.
     *
     * @param document what error messages call the document (e.g. its path)
     */
    public static MountImage read(String json, String document) {
        JsonFields root = JsonFields.root(
                ImageJsonMapper.parse(json.getBytes(StandardCharsets.UTF_8), document), document);
        Manifest.checkFormatVersion(root);
        List<List<Mount>> mountsByNamespace = new ArrayList<>();
        for (JsonFields ns : root.objects("namespaces")) {
            List<Mount> mounts = new ArrayList<>();
            for (JsonFields mount : ns.objects("mounts")) {
                mounts.add(MountJson.fromJson(mount));
            }
            mountsByNamespace.add(mounts);
            // What is left is exactly a manifest, so the manifest's checks apply unchanged.
            ns.node().put("mounts", mounts.size());
        }
        Manifest manifest = Manifest.fromJsonTree(root.node(), document);
        List<MountNamespace> namespaces = new ArrayList<>();
        for (int i = 0; i < manifest.namespaces().size(); i++) {
            Manifest.NamespaceEntry ns = manifest.namespaces().get(i);
            namespaces.add(new MountNamespace(ns.id(), ns.pid(), ns.kernelId(), mountsByNamespace.get(i)));
        }
        return new MountImage(manifest.rootNamespace(), manifest.toolVersion(), namespaces);
    }
}
