package dev.mountflow.plugins.external;

import dev.mountflow.error.InputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A restore-time {@code --external mnt[KEY]:PATH}: the host path for the image's external key KEY (CRIU's spelling). */
public record ExternalMapping(String key, Path path) {
    public static ExternalMapping parse(String text) {
        int close = text.indexOf("]:");
        if (!text.startsWith("mnt[") || close < 0) {
            throw new InputException("--external '" + text + "': expected mnt[KEY]:PATH");
        }
        String key = text.substring(4, close);
        String path = text.substring(close + 2);
        if (key.isEmpty() || key.contains("/") || key.contains(" ")) {
            throw new InputException("--external '" + text + "': key '" + key + "' must be a non-empty word without '/' or spaces");
        }
        if (!path.startsWith("/")) {
            throw new InputException("--external '" + text + "': path '" + path + "' is not absolute");
        }
        return new ExternalMapping(key, Path.of(path));
    }

    /** The mappings by key; a key given twice is an error. */
    public static Map<String, Path> parseAll(List<String> texts) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String text : texts) {
            ExternalMapping m = parse(text);
            if (out.put(m.key(), m.path()) != null) {
                throw new InputException("--external mnt[" + m.key() + "] is given twice");
            }
        }
        return out;
    }
}
