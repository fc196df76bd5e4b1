package dev.mountflow.plugins.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which mount a path lookup lands on: stacked mounts, overmounted directories, untouched siblings. */
class VisibleMountsTests {
    private static final Mount ROOT = mount(1, 0, "/");
    private static final Mount A_LOW = mount(2, 1, "/a");
    private static final Mount A_HIGH = mount(3, 2, "/a");
    private static final Mount B_C = mount(4, 1, "/b/c");
    private static final Mount B = mount(5, 1, "/b");
    private static final Mount D = mount(6, 1, "/d");
    private static final Mount D_E = mount(7, 6, "/d/e");
    private static final VisibleMounts VISIBLE = new VisibleMounts(new MountNamespace(1, 0, 0,
            List.of(ROOT, A_LOW, A_HIGH, B_C, B, D, D_E)));

    @Test
    void aMountStackedOnAnotherHidesIt() {
        assertThat(VISIBLE.at(RawString.of("/a"))).isEqualTo(A_HIGH);
        assertThat(VISIBLE.isCovered(A_LOW)).isTrue();
        assertThat(VISIBLE.coveringOf(A_LOW)).isEqualTo(A_HIGH);
        assertThat(VISIBLE.isCovered(A_HIGH)).isFalse();
    }

    @Test
    void aMountOnADirectoryAboveHidesWhatWasMountedBelowItBefore() {
        assertThat(VISIBLE.isCovered(B_C)).isTrue();
        assertThat(VISIBLE.coveringOf(B_C)).isEqualTo(B);
    }

    @Test
    void nestedMountsAndTheRootAreReached() {
        assertThat(VISIBLE.isCovered(ROOT)).isFalse();
        assertThat(VISIBLE.isCovered(D_E)).isFalse();
        assertThat(VISIBLE.at(RawString.of("/d/e/f"))).isEqualTo(D_E);
        assertThat(VISIBLE.at(RawString.of("/x"))).isEqualTo(ROOT);
    }

    private static Mount mount(int id, int parent, String mountpoint) {
        return new Mount(id, parent, new DeviceId(0, 40 + id), RawString.SLASH, RawString.of(mountpoint), "tmpfs",
                RawString.of("none"), 0, 0, RawString.EMPTY, 0, 0, false, false, null);
    }
}
