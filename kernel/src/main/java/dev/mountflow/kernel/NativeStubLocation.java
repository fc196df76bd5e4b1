package dev.mountflow.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where jffi unpacks its native stub before loading it. By default that is {@code /tmp}, unlinked
 * only once loaded, so a SIGKILL in that moment leaves a file in {@code /tmp} — which mountflow
 * promises never to do (DESIGN.md §7, rule 4). The stub goes to the user's cache directory
 * instead, unless the operator chose a place with {@code -Djffi.extract.dir}.
 */
final class NativeStubLocation {
    private static final String PROPERTY = "jffi.extract.dir";

    private NativeStubLocation() {
    }

    static synchronized void ensureOutsideTmp() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && cache.startsWith("/") ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = base.resolve("mountflow").resolve("native");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the native stub directory '" + dir + "'", e);
        }
        System.setProperty(PROPERTY, dir.toString());
    }
}
