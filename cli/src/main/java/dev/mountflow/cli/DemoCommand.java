package dev.mountflow.cli;

import dev.mountflow.cli.render.MountTreeRenderer;
import dev.mountflow.demo.DemoLayout;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountflowVersion;
import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.restore.CanonicalVerifier;
import dev.mountflow.restore.PipelineRunner;
import dev.mountflow.restore.Publication;
import dev.mountflow.restore.RestoreJob;
import dev.mountflow.restore.RestoreResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mountflow demo}: builds the bundled container-like layout ({@link DemoLayout}) in a
 * throwaway private namespace, dumps it, shows it, and restores it with every engine, each
 * restore verified canonically against the image. Needs root.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build a container-like layout in a throwaway namespace, dump it, show it, and restore it with every engine.")
public final class DemoCommand extends EngineCommand implements Callable<Integer> {
    @Option(names = {"-D", "--images-dir"}, paramLabel = "DIR",
            description = "Keep the image in DIR (by default it goes to a temporary directory that is removed).")
    Path keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = keep != null ? keep : Files.createTempDirectory("mflow-demo-");
        try (DemoLayout layout = DemoLayout.build(JnrKernel.load())) {
            List<Long> tids = layout.threadIds();
            out.printf("built the demo layout: a pivoted container namespace (thread %d) and a nested namespace (thread %d)%n",
                    tids.get(0), tids.get(1));
            LiveNamespaceReader reader = new LiveNamespaceReader();
            Dumper dumper = new Dumper(reader, MountflowVersion.get());
            MountImage image = dumper.check(dumper.toImage(reader.readEach(tids)));
            ImageDirectory.write(dir, image);
            out.printf("dumped %d mount(s) in %d namespace(s) to %s%n%n", image.mountCount(),
                    image.namespaces().size(), keep != null ? dir : "a temporary image directory");
            // Shown and restored from what was written, read back once: the image, not the memory.
            MountImage written = ImageDirectory.read(dir);
            new MountTreeRenderer().render(written, out);
            out.println();
            // The layout stays alive while the engines restore it, so the live namespaces and
            // the restored ones exist side by side, each in its own private namespace.
            for (MountEngine engine : engines().engines()) {
                restoreAndVerify(engine, written, dir, out);
            }
        } finally {
            if (keep == null) {
                deleteTree(dir);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void restoreAndVerify(MountEngine engine, MountImage image, Path dir, PrintWriter out) {
        PipelineRunner runner = new PipelineRunner(JnrKernel.load(), new CanonicalVerifier(), line -> { });
        try (RestoreResult result = runner.run(engine, new RestoreJob(image, dir, RestoreRequest.empty(),
                Publication.release(), null))) {
            out.printf("restored with engine %s: %d mount(s) in %d namespace(s), verified canonically equal to the image (%.1f ms)%n",
                    engine.name(), image.mountCount(), result.namespaces().size(), result.report().total().wallTimeMs());
        }
        out.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
