package dev.mountflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mountflow.model.Mount;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The raw-syscall floor: {@code mountfloor.c}, compiled with gcc on first use into the user's
 * cache ({@code $XDG_CACHE_HOME/mountflow/bench}, else {@code ~/.cache/mountflow/bench}), named by
 * a hash of its source so an edited source is rebuilt. gcc's temporary files go there too, never
 * to {@code /tmp}. Each run is a new process that mounts only in its own private namespace.
 */
public final class FloorProgram {
    private static final String SOURCE_RESOURCE = "mountfloor.c";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;

    private FloorProgram(Path binary) {
        this.binary = binary;
    }

    /** Compiles (or reuses) the floor in the user's cache directory. */
    public static FloorProgram build() {
        return build(defaultDirectory());
    }

    /**
     * Compiles (or reuses) the floor in {@code dir}.
     *
     * @throws IllegalStateException when gcc is missing or fails, saying so
     */
    public static FloorProgram build(Path dir) {
        byte[] source = source();
        Path binary = dir.resolve("mountfloor-" + hash(source));
        if (Files.isExecutable(binary)) {
            return new FloorProgram(binary);
        }
        try {
            Files.createDirectories(dir);
            Path c = dir.resolve(binary.getFileName() + ".c");
            Files.write(c, source);
            // Built under a temporary name and renamed, so a concurrent or killed build never
            // leaves a half-written binary under the final name.
            Path partial = dir.resolve(binary.getFileName() + ".partial-" + ProcessHandle.current().pid());
            compile(c, partial, dir);
            Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new FloorProgram(binary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the floor program in '" + dir + "': " + e.getMessage(), e);
        }
    }

    public Path binary() {
        return binary;
    }

    /** Runs the floor once for {@code layout} and {@code mounts}, built with {@code api}. */
    public FloorResult run(Layout layout, int mounts, FloorApi api) throws IOException, InterruptedException {
        return parseResult(execute(layout, mounts, api, false).get(0));
    }

    /** Runs the floor once and returns the mount table it built, as a restore would be checked. */
    public List<Mount> mountTable(Layout layout, int mounts, FloorApi api) throws IOException, InterruptedException {
        List<String> lines = execute(layout, mounts, api, true);
        String table = String.join("\n", lines.subList(1, lines.size())) + "\n";
        try (InputStream in = new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8))) {
            return MountInfoParser.parse(in).stream().map(MountInfoEntry::toMount).toList();
        }
    }

    private List<String> execute(Layout layout, int mounts, FloorApi api, boolean mountinfo)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), layout.cliName(), Integer.toString(mounts),
                "--api", api.cliName()));
        if (mountinfo) {
            command.add("--mountinfo");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0 || out.isEmpty()) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed with exit code " + code
                    + (out.isBlank() ? "" : ": " + out.strip()));
        }
        return out.lines().toList();
    }

    private static FloorResult parseResult(String line) throws IOException {
        JsonNode json = JSON.readTree(line);
        return new FloorResult(Layout.parse(json.path("layout").asText()),
                FloorApi.valueOf(json.path("api").asText().toUpperCase(Locale.ROOT)), json.path("mounts").asInt(),
                Duration.ofNanos(json.path("namespace_ns").asLong()), Duration.ofNanos(json.path("mount_ns").asLong()),
                json.path("mounts_in_namespace").asInt());
    }

    private static void compile(Path c, Path out, Path tmp) throws IOException {
        ProcessBuilder gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", out.toString(), c.toString())
                .redirectErrorStream(true);
        gcc.environment().put("TMPDIR", tmp.toString());
        Process p;
        try {
            p = gcc.start();
        } catch (IOException e) {
            throw new IllegalStateException("gcc was not found on PATH: the floor program mountfloor.c is"
                    + " compiled at bench time, so the benchmark needs a C compiler (Debian: apt-get install gcc)", e);
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                Files.deleteIfExists(out);
                throw new IllegalStateException("gcc failed to compile '" + c + "':\n" + log.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new IllegalStateException("interrupted while gcc compiled '" + c + "'", e);
        }
    }

    private static byte[] source() {
        try (InputStream in = FloorProgram.class.getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource '" + SOURCE_RESOURCE + "' is missing from the bench jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(byte[] source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static Path defaultDirectory() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && cache.startsWith("/") ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mountflow").resolve("bench");
    }
}
