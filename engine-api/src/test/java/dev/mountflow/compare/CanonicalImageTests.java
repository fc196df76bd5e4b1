package dev.mountflow.compare;

import static dev.mountflow.testing.ImageBuilder.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.MountImage;
import dev.mountflow.model.RawString;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalImageTests {

    @Test
    void theCanonicalFormOfASmallImage() {
        MountImage image = image()
                .namespace(1)
                .mount(10, 0, "/").device("8:1").fs("ext4", "/dev/sda1")
                .mount(13, 10, "/mnt/b").device("0:40").shared(300).master(200)
                .mount(11, 10, "/mnt/a").device("0:50").master(777)
                .mount(12, 11, "/mnt/a/x").device("8:1").root("/srv").shared(200)
                .build();
        MountLabel root = new MountLabel(RawString.of("/"), RawString.of("/"), "ext4", RawString.of("/dev/sda1"),
                0, 0, RawString.EMPTY, false, false);

        assertThat(CanonicalImage.of(image)).isEqualTo(new CanonicalImage(List.of(new CanonicalNamespace(List.of(
                new CanonicalMount(-1, 3, MountPath.of("/"), root, 1, 0, 0, 0),
                new CanonicalMount(0, 1, MountPath.of("/mnt/a"), label("/mnt/a", "/"), 2, 0, 0, 1),
                new CanonicalMount(1, 0, MountPath.of("/mnt/a/x"), label("/mnt/a/x", "/srv"), 1, 1, 0, 0),
                new CanonicalMount(0, 0, MountPath.of("/mnt/b"), label("/mnt/b", "/"), 3, 2, 1, 0))))));
    }

    @Test
    void siblingsSortByMountpointBytesThenByLabelThenStayInImageOrder() {
        RawString notUtf8 = RawString.of(new byte[] {'/', (byte) 0xff});
        MountImage image = image().namespace(1)
                .mount(1, 0, "/")
                .mount(2, 1, notUtf8)
                .mount(3, 1, "/z").fs("tmpfs", "second")
                .mount(4, 1, "/z").fs("proc", "proc")
                .mount(5, 1, "/z").fs("tmpfs", "second").device("0:99")
                .mount(6, 1, "/z").fs("tmpfs", "first")
                .build();

        List<CanonicalMount> mounts = CanonicalImage.of(image).namespaces().get(0).mounts();

        assertThat(mounts).extracting(m -> m.path().toString())
                .containsExactly("'/'", "'/z'", "'/z'", "'/z'", "'/z'", "'/\\xff'");
        assertThat(mounts).extracting(m -> m.label().fstype() + " " + m.label().source() + " sb#" + m.superblock())
                .containsExactly("tmpfs none sb#1", "proc proc sb#2", "tmpfs first sb#3", "tmpfs second sb#4",
                        "tmpfs second sb#5", "tmpfs none sb#6");
    }

    @Test
    void numbersFollowFirstAppearanceAcrossNamespacesInPositionOrder() {
        MountImage image = image()
                .namespace(2).mount(20, 0, "/").device("0:9").shared(70)
                .namespace(1).mount(10, 0, "/").device("0:8").master(70)
                .mount(11, 10, "/x").device("0:9").shared(60).master(55)
                .rootNamespace(1)
                .build();

        List<CanonicalNamespace> namespaces = CanonicalImage.of(image).namespaces();

        assertThat(namespaces).extracting(ns -> ns.mounts().stream()
                        .map(m -> "sb#" + m.superblock() + " group#" + m.peerGroup() + " master#" + m.masterGroup()
                                + " external#" + m.externalMaster())
                        .toList())
                .containsExactly(
                        List.of("sb#1 group#0 master#2 external#0", "sb#2 group#1 master#0 external#1"),
                        List.of("sb#2 group#2 master#0 external#0"));
    }

    @Test
    void renumberedAndReorderedImagesHaveOneCanonicalForm() {
        MountImage layout = ImageComparatorTests.layout();

        assertThat(CanonicalImage.of(Renumbering.random(layout, 3))).isEqualTo(CanonicalImage.of(layout));
        assertThat(CanonicalImage.of(Renumbering.reversed(layout))).isEqualTo(CanonicalImage.of(layout));
    }

    @Test
    void aStackOfAHundredThousandMountsIsOneRunOfLevels() {
        List<CanonicalMount> mounts = CanonicalImage.of(ImageComparatorTests.chain(100_000, "proc"))
                .namespaces().get(0).mounts();

        assertThat(mounts).hasSize(100_001);
        assertThat(mounts.get(1).descendants()).isEqualTo(99_999);
        assertThat(mounts.get(100_000).parent()).isEqualTo(99_999);
        assertThat(mounts.get(100_000).path().segments()).containsExactly(new MountPath.Segment(RawString.of("/mnt"), 100_000));
    }

    @Test
    void aNamespaceWithoutMountsHasAnEmptyCanonicalForm() {
        MountImage image = image().namespace(1).mount(1, 0, "/").namespace(2).build();

        assertThat(CanonicalImage.of(image).namespaces()).extracting(ns -> ns.mounts().size()).containsExactly(1, 0);
    }

    private static MountLabel label(String mountpoint, String root) {
        return new MountLabel(RawString.of(mountpoint), RawString.of(root), "tmpfs", RawString.of("none"), 0, 0,
                RawString.EMPTY, false, false);
    }
}
