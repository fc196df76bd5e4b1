package dev.mountflow.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.RawString;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MountpointSetTests {

    @Test
    void holdsAPathWhenItOrAnAncestorDirectoryOrTheRootIsIn() {
        MountpointSet set = new MountpointSet();
        set.add(RawString.of("/a/b"));
        set.add(RawString.of("/x y\\z"));

        assertThat(set.holdsPathOrAncestor(RawString.of("/a/b"))).isTrue();
        assertThat(set.holdsPathOrAncestor(RawString.of("/a/b/c/d"))).isTrue();
        assertThat(set.holdsPathOrAncestor(RawString.of("/x y\\z/1"))).isTrue();
        assertThat(set.holdsPathOrAncestor(RawString.of("/a"))).isFalse();
        assertThat(set.holdsPathOrAncestor(RawString.of("/a/bc"))).isFalse();
        assertThat(set.holdsPathOrAncestor(RawString.of("/"))).isFalse();

        set.add(RawString.SLASH);
        assertThat(set.holdsPathOrAncestor(RawString.of("/q"))).isTrue();
        assertThat(set.holdsPathOrAncestor(RawString.SLASH)).isTrue();
    }

    /** The same answers as the plain way: every ancestor made as a substring and looked up. */
    @Test
    void answersAsLookingUpEveryAncestorDoesForManyRandomPaths() {
        Random random = new Random(5);
        List<String> names = List.of("a", "b", "c", "d d", "\u00ff", "e\\f");
        MountpointSet set = new MountpointSet();
        Set<RawString> plain = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder path = new StringBuilder();
            int depth = 1 + random.nextInt(6);
            for (int d = 0; d < depth; d++) {
                path.append('/').append(names.get(random.nextInt(names.size())));
            }
            RawString p = RawString.of(path.toString());
            boolean expected = plain.contains(p) || plain.contains(RawString.SLASH);
            for (int j = p.length() - 1; j > 0; j--) {
                if (p.byteAt(j) == '/' && plain.contains(p.substring(0, j))) {
                    expected = true;
                }
            }
            assertThat(set.holdsPathOrAncestor(p)).as("%s", p).isEqualTo(expected);
            if (random.nextInt(3) == 0) {
                set.add(p);
                plain.add(p);
            }
        }
    }
}
