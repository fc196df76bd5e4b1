package dev.mountflow.mountinfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The captured mountinfo texts under {@code src/test/resources/mountinfo} (see capture.sh there). */
public final class MountInfoFixtures {
    private MountInfoFixtures() {
    }

    /** File names of every fixture, for {@code @MethodSource}. */
    public static Stream<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".mountinfo"))
                    .sorted()
                    .collect(Collectors.toList());
            if (names.isEmpty()) {
                throw new IllegalStateException("no fixtures in " + directory());
            }
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(directory().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<MountInfoEntry> parse(String name) {
        try {
            return MountInfoParser.parse(new ByteArrayInputStream(bytes(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MountInfoEntry entry(List<MountInfoEntry> entries, int mountId) {
        return entries.stream().filter(e -> e.mountId() == mountId).findFirst()
                .orElseThrow(() -> new AssertionError("no mount " + mountId));
    }

    private static Path directory() {
        try {
            return Path.of(MountInfoFixtures.class.getResource("/mountinfo").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
