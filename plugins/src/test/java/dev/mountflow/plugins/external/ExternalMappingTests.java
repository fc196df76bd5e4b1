package dev.mountflow.plugins.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.error.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalMappingTests {

    @Test
    void parsesCriusSpelling() {
        assertThat(ExternalMapping.parse("mnt[data]:/srv/data")).isEqualTo(new ExternalMapping("data", Path.of("/srv/data")));
        assertThat(ExternalMapping.parseAll(List.of("mnt[a]:/x", "mnt[b]:/y]:z")))
                .isEqualTo(Map.of("a", Path.of("/x"), "b", Path.of("/y]:z")));
    }

    @Test
    void refusesMalformedMappingsOnOneLine() {
        assertThatThrownBy(() -> ExternalMapping.parse("data:/srv")).isInstanceOf(InputException.class)
                .hasMessage("--external 'data:/srv': expected mnt[KEY]:PATH");
        assertThatThrownBy(() -> ExternalMapping.parse("mnt[]:/srv")).isInstanceOf(InputException.class)
                .hasMessage("--external 'mnt[]:/srv': key '' must be a non-empty word without '/' or spaces");
        assertThatThrownBy(() -> ExternalMapping.parse("mnt[k]:srv")).isInstanceOf(InputException.class)
                .hasMessage("--external 'mnt[k]:srv': path 'srv' is not absolute");
        assertThatThrownBy(() -> ExternalMapping.parseAll(List.of("mnt[k]:/a", "mnt[k]:/b")))
                .isInstanceOf(InputException.class).hasMessage("--external mnt[k] is given twice");
    }
}
