package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.model.MountImage;
import dev.mountflow.restore.testengine.HostImages;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalVerifierTests {
    private static final String EXPECTED = """
            1 1 0:31 / / rw,relatime - tmpfs root rw
            2 1 0:32 / /a rw,relatime shared:4 - tmpfs a rw,size=64k
            3 1 0:32 /sub /b rw,relatime shared:4 - tmpfs a rw,size=64k
            """;

    @Test
    void aVerifierExpectingTheImageFindsWhatAPlainOneFinds() throws Exception {
        MountImage expected = HostImages.image(List.of(), EXPECTED);
        MountImage renumbered = HostImages.image(List.of(), """
                7 7 0:41 / / rw,relatime - tmpfs root rw
                8 7 0:42 / /a rw,relatime shared:9 - tmpfs a rw,size=64k
                9 7 0:42 /sub /b rw,relatime shared:9 - tmpfs a rw,size=64k
                """);
        MountImage unshared = HostImages.image(List.of(), """
                7 7 0:41 / / rw,relatime - tmpfs root rw
                8 7 0:42 / /a rw,relatime shared:9 - tmpfs a rw,size=64k
                9 7 0:42 /sub /b rw,relatime - tmpfs a rw,size=64k
                """);
        CanonicalVerifier plain = new CanonicalVerifier();
        ImageVerifier prepared = plain.expecting(expected);

        assertThat(prepared.differences(expected, renumbered)).isEmpty();
        assertThat(prepared.differences(expected, unshared)).isEqualTo(plain.differences(expected, unshared))
                .singleElement().asString().contains("/b");
        // Another image than the one it expects is compared in full, not against the prepared form.
        assertThat(prepared.differences(unshared, unshared)).isEmpty();
    }

    @Test
    void aFailureOfThePreparedFormSurfacesInVerifyAsItsOwnException() throws Exception {
        MountImage cycle = HostImages.image(List.of(), """
                1 2 0:31 / / rw,relatime - tmpfs root rw
                2 1 0:32 / /a rw,relatime - tmpfs a rw
                """);
        ImageVerifier prepared = new CanonicalVerifier().expecting(cycle);

        assertThatThrownBy(() -> prepared.differences(cycle, cycle)).isInstanceOf(IllegalArgumentException.class);
    }
}
