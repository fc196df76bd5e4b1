package dev.mountflow.plugins.ghost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.error.InputException;
import dev.mountflow.model.RawString;
import org.junit.jupiter.api.Test;

/** A ghost file's entry in the manifest: written and read back, and refused when it could escape its mount. */
class GhostFileTests {

    @Test
    void anEntryReadsBackAsWritten() {
        GhostFile f = new GhostFile(1, 42, RawString.of(new byte[] {'l', 'o', 'g', '/', (byte) 0xff}), 0640, 1000, 4,
                1700000000L, 123456789, 12, "ghost-1.img");

        ObjectNode json = f.toJson();

        assertThat(json.toString()).isEqualTo("{\"namespace\":1,\"mount\":42,\"path\":{\"base64\":\"bG9nL/8=\"},"
                + "\"mode\":\"0640\",\"uid\":1000,\"gid\":4,\"mtime\":\"1700000000.123456789\",\"size\":12,"
                + "\"file\":\"ghost-1.img\"}");
        assertThat(GhostFile.fromJson(json)).isEqualTo(f);
    }

    @Test
    void aPathLeavingItsMountOrAContentFileElsewhereIsRefused() {
        ObjectNode up = new GhostFile(1, 42, RawString.of("a/../../etc/passwd"), 0644, 0, 0, 0, 0, 1, "ghost-1.img").toJson();
        ObjectNode absolute = new GhostFile(1, 42, RawString.of("/etc/passwd"), 0644, 0, 0, 0, 0, 1, "ghost-1.img").toJson();
        ObjectNode file = new GhostFile(1, 42, RawString.of("a"), 0644, 0, 0, 0, 0, 1, "../mountflow.json").toJson();

        assertThatThrownBy(() -> GhostFile.fromJson(up)).isInstanceOf(InputException.class)
                .hasMessage("ghost file 'a/../../etc/passwd': the path must not hold empty, '.' or '..' parts");
        assertThatThrownBy(() -> GhostFile.fromJson(absolute)).isInstanceOf(InputException.class)
                .hasMessage("ghost file '/etc/passwd': the path must be relative to its mount");
        assertThatThrownBy(() -> GhostFile.fromJson(file)).isInstanceOf(InputException.class)
                .hasMessage("ghost file 'a': content file '../mountflow.json' is not ghost-N.img");
    }
}
