package dev.mountflow.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiffRendererTests {

    @Test
    void noDifferences() {
        assertThat(DiffRenderer.render(List.of())).isEqualTo("no differences\n");
    }

    @Test
    void aCountLineThenOneIndentedLinePerDifference() {
        List<Difference> differences = List.of(
                Difference.ofImage(DifferenceKind.NAMESPACE_COUNT, "2", "1"),
                new Difference(1, MountPath.of("/mnt/b"), DifferenceKind.MISSING, "tmpfs 'data' at root '/sub'", ""),
                new Difference(2, MountPath.of("/x"), DifferenceKind.UNEXPECTED, "", "proc 'proc'"),
                new Difference(1, MountPath.of("/mnt/p2"), DifferenceKind.PEER_GROUP,
                        "a peer of '/mnt/p1' (namespace 1)", "private"));

        assertThat(DiffRenderer.render(differences)).isEqualTo("""
                4 difference(s)
                  namespace count expected 2, got 1
                  namespace 1 '/mnt/b': missing (expected tmpfs 'data' at root '/sub')
                  namespace 2 '/x': unexpected mount (proc 'proc')
                  namespace 1 '/mnt/p2': peer group differs: expected a peer of '/mnt/p1' (namespace 1), got private
                """);
    }
}
