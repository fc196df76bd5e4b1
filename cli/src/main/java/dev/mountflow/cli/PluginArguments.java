package dev.mountflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --plugin-path} and {@code --disable-plugin} values of a command line, found before it
 * is parsed: which plugins are loaded decides which options the commands have. Scanning stops at
 * {@code --exec} and {@code --}, after which everything is a command's argument.
 */
record PluginArguments(List<Path> pluginPath, List<String> disabled) {
    static final String PLUGIN_PATH = "--plugin-path";
    static final String DISABLE_PLUGIN = "--disable-plugin";

    static PluginArguments scan(String... args) {
        List<Path> paths = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--exec") || a.equals("--")) {
                break;
            }
            String value = null;
            String name = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length && (a.equals(PLUGIN_PATH) || a.equals(DISABLE_PLUGIN))) {
                value = args[++i];
            }
            if (value == null) {
                continue;
            }
            if (name.equals(PLUGIN_PATH)) {
                paths.add(Path.of(value));
            } else if (name.equals(DISABLE_PLUGIN)) {
                disabled.add(value);
            }
        }
        return new PluginArguments(List.copyOf(paths), List.copyOf(disabled));
    }
}
