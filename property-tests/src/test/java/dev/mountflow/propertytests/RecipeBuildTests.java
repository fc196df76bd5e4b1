package dev.mountflow.propertytests;

import static dev.mountflow.propertytests.Op.Kind.BIND;
import static dev.mountflow.propertytests.Op.Kind.FILE_BIND;
import static dev.mountflow.propertytests.Op.Kind.MOVE;
import static dev.mountflow.propertytests.Op.Kind.PIVOT;
import static dev.mountflow.propertytests.Op.Kind.PROPAGATION;
import static dev.mountflow.propertytests.Op.Kind.SKIP;
import static dev.mountflow.propertytests.Op.Kind.TMPFS;
import static dev.mountflow.propertytests.Op.Kind.UNSHARE;
import static dev.mountflow.propertytests.Op.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.restore.corpus.HostSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recipe interpreter against the kernel: what it applies, what it drops, what it learns
 * about propagation, each read back from the namespaces it built (their mountinfo, their files
 * through {@code /proc/<tid>/root}), and the host as it was afterwards.
 */
class RecipeBuildTests {
    private HostSnapshot host;

    @BeforeEach
    void captureHost() throws Exception {
        host = HostSnapshot.capture();
    }

    @AfterEach
    void hostUnchanged() throws Exception {
        host.assertUnchanged();
    }

    @Test
    void appliesOperationsAsCommandsInANamespaceOfItsOwnAndLearnsWhatPropagated() {
        Recipe recipe = Recipe.of(
                op(TMPFS, 0, 0, 0, 0, 1),
                op(PROPAGATION, 0, 1, 0, 0, 0),
                op(SKIP, 5, 5, 5, 5, 5),
                op(BIND, 0, 1, 1, 0, 2),
                op(FILE_BIND, 0, 1, 0, 2, 0),
                op(UNSHARE, 0, 0, 0, 0, 0),
                op(TMPFS, 1, 0, 0, 1, 1));
        try (RecipeBuild build = RecipeBuild.of(recipe)) {
            assertThat(build.commands()).isEqualTo("""
                      mkdir -p /a; mount -t tmpfs t0 /a
                      mount --make-shared /a
                      mkdir -p /a/x /b; mount --bind /a/x /b
                      touch /a/f /b/g; mount --bind /a/f /b/g
                      [ns 1] unshare --mount --propagation unchanged (from ns 0)
                      [ns 1] mkdir -p /a/a; mount -t tmpfs t6 /a/a
                    """);
            MountImage image = build.dump();
            assertThat(image.namespaces()).hasSize(2);
            for (MountNamespace ns : image.namespaces()) {
                assertThat(ns.mounts()).extracting(m -> m.mountpoint() + " " + m.root() + " " + m.source() + " "
                        + m.propagation()).containsExactlyInAnyOrder(
                        "/ / base private", "/a / t0 shared", "/b /x t0 shared", "/b/g /f t0 shared",
                        "/a/x/g /f t0 shared", "/a/a / t6 shared");
            }
            // The file bound below /b reached /b's peer /a; the nested namespace's tmpfs reached the
            // first namespace. Those two copies no operation made; the nested namespace's copies of
            // everything its unshare made.
            MountNamespace first = image.namespaces().get(0);
            assertThat(build.propagated()).containsExactlyInAnyOrder(mountAt(first, "/a/x/g").id(),
                    mountAt(first, "/a/a").id());
            assertThat(build.dropped()).isEmpty();
        }
    }

    @Test
    void anOperationTheKernelRefusesIsDroppedWithTheDirectoriesItMade() {
        try (RecipeBuild build = RecipeBuild.of(Recipe.of(op(TMPFS, 0, 0, 0, 0, 1), op(MOVE, 0, 0, 0, 1, 1)))) {
            assertThat(build.commands()).isEqualTo("""
                      mkdir -p /a; mount -t tmpfs t0 /a
                    """);
            assertThat(build.dropped()).isEqualTo(Map.of("MOVE ELOOP", 1));
            Path root = Path.of("/proc", Integer.toString(build.thread(0).tid()), "root");
            assertThat(Files.isDirectory(root.resolve("a"))).isTrue();
            assertThat(Files.exists(root.resolve("a/a"))).as("directory made for the refused move").isFalse();
        }
    }

    @Test
    void aNestedNamespacePivotsIntoOneOfItsMountsAndKeepsOnlyWhatIsBelow() {
        Recipe recipe = Recipe.of(
                op(TMPFS, 0, 0, 0, 0, 1),
                op(TMPFS, 0, 0, 0, 1, 2),
                op(UNSHARE, 0, 0, 2, 0, 0),
                op(PIVOT, 1, 0, 0, 0, 0));
        try (RecipeBuild build = RecipeBuild.of(recipe)) {
            assertThat(build.commands()).isEqualTo("""
                      mkdir -p /a; mount -t tmpfs t0 /a
                      mkdir -p /a/b; mount -t tmpfs t1 /a/b
                      [ns 1] unshare --mount --propagation private (from ns 0)
                      [ns 1] pivot_root /a (old root detached)
                    """);
            List<MountNamespace> namespaces = build.dump().namespaces();
            assertThat(namespaces.get(0).mounts()).extracting(m -> m.mountpoint().toString())
                    .containsExactly("/", "/a", "/a/b");
            assertThat(namespaces.get(1).mounts()).extracting(m -> m.mountpoint() + " " + m.source())
                    .containsExactly("/ t0", "/b t1");
        }
    }

    private static Mount mountAt(MountNamespace ns, String mountpoint) {
        return ns.mounts().stream().filter(m -> m.mountpoint().toString().equals(mountpoint)).findFirst().orElseThrow();
    }
}
