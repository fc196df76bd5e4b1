package dev.mountflow.plugins.ghost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.error.InputException;
import dev.mountflow.model.RawString;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A file the image carries to be created on a mount at restore, as the manifest's plugin data
 * lists it: {@code {"namespace": 1, "mount": 42, "path": "logs/app.log", "mode": "0640",
 * "uid": 0, "gid": 4, "mtime": "1700000000.123456789", "size": 12, "file": "ghost-1.img"}}, the
 * content in {@code file} beside the manifest. {@code path} is relative to the mount's root;
 * a path that is not UTF-8 is {@code {"base64": …}}.
 */
record GhostFile(int namespace, int mount, RawString path, int mode, int uid, int gid, long mtimeSeconds,
                 int mtimeNanos, long size, String file) {
    private static final Pattern FILE = Pattern.compile("ghost-[0-9]+\\.img");

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("namespace", namespace).put("mount", mount);
        if (path.isValidUtf8()) {
            n.put("path", path.utf8());
        } else {
            n.putObject("path").put("base64", Base64.getEncoder().encodeToString(path.toByteArray()));
        }
        n.put("mode", String.format("0%o", mode)).put("uid", uid).put("gid", gid)
                .put("mtime", String.format("%d.%09d", mtimeSeconds, mtimeNanos)).put("size", size).put("file", file);
        return n;
    }

    /** Parses and checks one listed file: a relative path without {@code .}/{@code ..} parts, a file named as dump names it. */
    static GhostFile fromJson(JsonNode n) {
        JsonNode p = n.path("path");
        RawString path = p.isObject() ? RawString.of(Base64.getDecoder().decode(p.path("base64").asText()))
                : RawString.of(p.asText());
        String file = n.path("file").asText();
        if (!FILE.matcher(file).matches()) {
            throw new InputException("ghost file '" + path + "': content file '" + file + "' is not ghost-N.img");
        }
        checkRelative(path);
        String[] mtime = n.path("mtime").asText("0.0").split("\\.");
        try {
            return new GhostFile(n.path("namespace").asInt(), n.path("mount").asInt(), path,
                    Integer.parseInt(n.path("mode").asText(), 8), n.path("uid").asInt(), n.path("gid").asInt(),
                    Long.parseLong(mtime[0]), mtime.length > 1 ? Integer.parseInt(mtime[1]) : 0, n.path("size").asLong(),
                    file);
        } catch (NumberFormatException e) {
            throw new InputException("ghost file '" + path + "': " + e.getMessage(), e);
        }
    }

    private static void checkRelative(RawString path) {
        if (path.isEmpty() || path.byteAt(0) == '/') {
            throw new InputException("ghost file '" + path + "': the path must be relative to its mount");
        }
        for (String part : path.toString().split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new InputException("ghost file '" + path + "': the path must not hold empty, '.' or '..' parts");
            }
        }
    }
}
