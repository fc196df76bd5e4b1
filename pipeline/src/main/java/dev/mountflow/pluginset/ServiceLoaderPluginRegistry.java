package dev.mountflow.pluginset;

import dev.mountflow.error.InputException;
import dev.mountflow.error.IoMessages;
import dev.mountflow.plugin.PipelinePlugin;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds plugins with {@link ServiceLoader}: mountflow's own on its class path, and those in every
 * jar of the given plugin directories, through one class loader over those jars whose parent is
 * mountflow's (so a plugin sees mountflow's SPI and nothing else of another plugin jar's).
 */
final class ServiceLoaderPluginRegistry {
    /** The class loader of mountflow's own classes: a plugin loaded by it is built in. */
    private static final ClassLoader OWN = PipelinePlugin.class.getClassLoader();

    List<LoadedPlugin> load(List<Path> pluginDirs) {
        List<Path> jars = jars(pluginDirs);
        ClassLoader loader = jars.isEmpty() ? OWN : new URLClassLoader("mountflow-plugins", urls(jars), OWN);
        List<LoadedPlugin> found = new ArrayList<>();
        try {
            for (PipelinePlugin plugin : ServiceLoader.load(PipelinePlugin.class, loader)) {
                found.add(new LoadedPlugin(plugin, origin(plugin)));
            }
        } catch (ServiceConfigurationError e) {
            throw new InputException("cannot load a plugin: " + e.getMessage(), e);
        }
        return found;
    }

    /** Every {@code *.jar} directly in the directories, each directory's in name order. */
    private static List<Path> jars(List<Path> dirs) {
        List<Path> jars = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new InputException("--plugin-path '" + dir + "' is not a directory");
            }
            TreeSet<Path> sorted = new TreeSet<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
                entries.forEach(p -> sorted.add(p.toAbsolutePath().normalize()));
            } catch (IOException e) {
                throw new InputException("--plugin-path '" + dir + "': " + IoMessages.describe(e), e);
            }
            jars.addAll(sorted);
        }
        return jars;
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return urls;
    }

    private static String origin(PipelinePlugin plugin) {
        Class<?> type = plugin.getClass();
        if (type.getClassLoader() == OWN) {
            return LoadedPlugin.BUILT_IN;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }
}
