package dev.mountflow.plugins.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.error.InputException;
import dev.mountflow.model.RawString;
import org.junit.jupiter.api.Test;

class ExternalMountSpecTests {

    @Test
    void parsesCriusSpelling() {
        assertThat(ExternalMountSpec.parse("mnt[/srv/data dir]:data-1"))
                .isEqualTo(new ExternalMountSpec(RawString.of("/srv/data dir"), "data-1"));
        assertThat(ExternalMountSpec.parse("mnt[/a]:b]:c")).isEqualTo(new ExternalMountSpec(RawString.of("/a]:b"), "c"));
    }

    @Test
    void rejectsWhatIsNotMntMountpointKey() {
        assertThatThrownBy(() -> ExternalMountSpec.parse("/srv:data")).isInstanceOf(InputException.class)
                .hasMessage("--external '/srv:data': expected mnt[MOUNTPOINT]:KEY");
        assertThatThrownBy(() -> ExternalMountSpec.parse("mnt[srv]:data"))
                .hasMessage("--external 'mnt[srv]:data': mountpoint 'srv' is not absolute");
        assertThatThrownBy(() -> ExternalMountSpec.parse("mnt[/srv]:"))
                .hasMessage("--external 'mnt[/srv]:': key '' must be a non-empty word without '/' or spaces");
        assertThatThrownBy(() -> ExternalMountSpec.parse("mnt[/srv]:a/b"))
                .hasMessage("--external 'mnt[/srv]:a/b': key 'a/b' must be a non-empty word without '/' or spaces");
    }
}
