package dev.mountflow.pluginset;

import dev.mountflow.error.InputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses plugin ids that are malformed or taken twice: which of two plugins with one id
 * {@code --disable-plugin} or the image's plugin data meant would depend on classpath order.
 */
final class PluginIdValidator {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    void validate(List<LoadedPlugin> plugins) {
        Map<String, LoadedPlugin> byId = new HashMap<>();
        for (LoadedPlugin p : plugins) {
            String id = p.id();
            if (id == null || !ID.matcher(id).matches()) {
                throw new InputException("plugin " + p.describe() + " has the id '" + id
                        + "'; an id is lowercase letters and digits, words joined by '-'");
            }
            LoadedPlugin earlier = byId.putIfAbsent(id, p);
            if (earlier != null) {
                throw new InputException("two plugins have the id '" + id + "': " + earlier.describe() + " and "
                        + p.describe());
            }
        }
    }
}
