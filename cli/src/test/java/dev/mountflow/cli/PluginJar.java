package dev.mountflow.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugin jar made at test time, as a researcher makes one: a class implementing
 * {@code PipelinePlugin} compiled against mountflow's class path, and its
 * {@code META-INF/services} entry.
 */
final class PluginJar {
    private PluginJar() {
    }

    /** Compiles {@code source} (class {@code className}) into {@code jar}, registered as a plugin. */
    static Path build(Path work, Path jar, String className, String source) throws IOException {
        Path src = work.resolve("src").resolve(className.replace('.', '/') + ".java");
        Path classes = work.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "--release", "17", src.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed with " + rc + " for " + src);
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.mountflow.plugin.PipelinePlugin"));
            write(out, className + "\n");
            out.closeEntry();
        }
        return jar;
    }

    /**
     * A plugin {@code id} that appends {@code before:STAGE}, {@code after:STAGE} and
     * {@code failed:STAGE} lines, for every stage, to the file its restore option
     * {@code --record FILE} names.
     */
    static String recorder(String packageName, String simpleName, String id) {
        return """
                package %s;

                import dev.mountflow.plugin.PipelinePlugin;
                import dev.mountflow.plugin.PluginCommand;
                import dev.mountflow.plugin.PluginContext;
                import dev.mountflow.plugin.PluginOption;
                import dev.mountflow.plugin.RestoreHooks;
                import java.io.IOException;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                import java.util.List;

                public final class %s implements PipelinePlugin {
                    @Override
                    public String id() {
                        return "%s";
                    }

                    @Override
                    public String description() {
                        return "records the stages it is called around";
                    }

                    @Override
                    public List<PluginOption> options() {
                        return List.of(PluginOption.value(PluginCommand.RESTORE, "--record", "FILE", "where to record"));
                    }

                    @Override
                    public RestoreHooks restoreHooks() {
                        return RestoreHooks.builder()
                                .before(RestoreHooks.EVERY_STAGE, c -> record(c, "before:" + c.currentStage()))
                                .after(RestoreHooks.EVERY_STAGE, c -> record(c, "after:" + c.currentStage()))
                                .onFailure((c, stage, failure) -> record(c, "failed:" + stage))
                                .build();
                    }

                    private static void record(PluginContext c, String line) throws IOException {
                        Path file = Path.of(c.options().value("--record").orElseThrow());
                        Files.writeString(file, line + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                }
                """.formatted(packageName, simpleName, id);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
