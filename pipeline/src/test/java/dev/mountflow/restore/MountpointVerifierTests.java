package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.restore.testengine.HostImages;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountpointVerifierTests {
    private static final String TABLE = """
            1 0 0:1 / / rw,relatime - tmpfs root rw
            2 1 0:2 / /a rw,relatime shared:7 - tmpfs a rw,size=4k
            3 2 0:3 / /a ro,nosuid,relatime - tmpfs over rw
            """;

    @Test
    void idsDevicesAndPeerGroupNumbersDoNotMatterNorListingOrder() throws Exception {
        MountImage restored = HostImages.image(List.of(), """
                13 10 0:33 / /a ro,nosuid,relatime - tmpfs over rw
                10 9 0:31 / / rw,relatime - tmpfs root rw
                12 10 0:32 / /a rw,relatime shared:1 - tmpfs a rw,size=4k
                """.replace("13 10", "13 12"));

        assertThat(new MountpointVerifier().differences(image(TABLE), restored)).isEmpty();
    }

    @Test
    void reportsEachDifferenceByPath() throws Exception {
        MountImage restored = image("""
                1 0 0:1 / / rw,relatime - tmpfs root rw
                2 1 0:2 / /a rw,relatime - tmpfs b rw,size=8k
                4 1 0:4 / /extra rw,relatime - tmpfs x rw
                """);

        assertThat(new MountpointVerifier().differences(image(TABLE), restored)).containsExactly(
                "namespace 1 '/a': source 'a' in the image, 'b' restored",
                "namespace 1 '/a': options 'size=4k' in the image, 'size=8k' restored",
                "namespace 1 '/a': propagation 'shared' in the image, 'private' restored",
                "namespace 1 '/a' (stacked 2): in the image, not restored",
                "namespace 1 '/extra': restored, not in the image");
    }

    private static MountImage image(String table) throws Exception {
        return HostImages.image(List.<Mount>of(), table);
    }
}
