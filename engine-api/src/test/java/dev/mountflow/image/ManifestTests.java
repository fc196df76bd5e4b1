package dev.mountflow.image;

import static dev.mountflow.testing.MountBuilder.mount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.error.ImageFormatException;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestTests {
    private static final String VALID = """
            {
              "formatVersion": 1,
              "toolVersion": "0.1.0",
              "rootNamespace": 1,
              "namespaces": [
                {
                  "id": 1,
                  "pid": 4242,
                  "kernelId": 4026531841,
                  "file": "mountpoints-1.img",
                  "mounts": 2
                },
                {
                  "id": 5,
                  "pid": 0,
                  "kernelId": 0,
                  "file": "mountpoints-5.img",
                  "mounts": 0
                }
              ],
              "externals": [
                {
                  "key": "data",
                  "mountpoint": "/srv/data",
                  "namespace": 1
                },
                {
                  "key": "odd",
                  "mountpoint": {
                    "base64": "L2H//mI=",
                    "printable": "/a\\\\xff\\\\xfeb"
                  },
                  "namespace": 1
                }
              ],
              "pluginData": {}
            }
            """;

    @Test
    void describesAnImageInAFixedLayout() {
        MountImage image = new MountImage(1, "0.1.0", List.of(
                new MountNamespace(1, 4242, 4026531841L, List.of(
                        mount(2, 1, "/srv/data").device(0, 1).external("data").build(),
                        mount(3, 1, "/").device(0, 1).mountpoint(SampleImages.NOT_UTF8_PATH).external("odd").build())),
                new MountNamespace(5, 0, 0, List.of())));

        assertThat(Manifest.of(image).toJson()).isEqualTo(VALID);
    }

    @Test
    void readsWhatItWrites() {
        Manifest manifest = Manifest.fromJson(bytes(VALID), "mountflow.json");

        assertThat(manifest.toJson()).isEqualTo(VALID);
        assertThat(manifest.externals().get(1).mountpoint()).isEqualTo(SampleImages.NOT_UTF8_PATH);
    }

    @Test
    void keepsPluginData() {
        ObjectNode pluginData = JsonNodeFactory.instance.objectNode();
        pluginData.putObject("tmpfs").put("archives", 2).putArray("devices").add("0:33");
        Manifest original = Manifest.of(SampleImages.twoNamespaces());
        Manifest withData = new Manifest(original.formatVersion(), original.toolVersion(),
                original.rootNamespace(), original.namespaces(), original.externals(), pluginData);

        Manifest read = Manifest.fromJson(bytes(withData.toJson()), "mountflow.json");

        assertThat(read).isEqualTo(withData);
        assertThat(read.pluginData().toString()).isEqualTo("{\"tmpfs\":{\"archives\":2,\"devices\":[\"0:33\"]}}");
    }

    @Test
    void badJsonNamesTheLocation() {
        assertReadFails("{\n  \"formatVersion\": 1,\n  oops\n}", """
                mountflow.json: bad JSON at line 3, column 3: Unexpected character ('o' (code 111)): \
                was expecting double-quote to start field name""");
    }

    @Test
    void repeatedKey() {
        assertReadFails("{\"formatVersion\": 1, \"formatVersion\": 2}", """
                mountflow.json: bad JSON at line 1, column 37: Duplicate field 'formatVersion'""");
    }

    @Test
    void trailingGarbage() {
        assertReadFails("{} {}", """
                mountflow.json: bad JSON at line 1, column 4: Trailing token (of type START_OBJECT) found \
                after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per \
                `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`""");
    }

    @Test
    void notAnObject() {
        assertReadFails("[1, 2]", """
                mountflow.json: expected a JSON object, got [1,2]""");
    }

    @Test
    void emptyDocument() {
        assertReadFails("", """
                mountflow.json: expected a JSON object, got nothing""");
    }

    @Test
    void unsupportedFormatVersion() {
        assertReadFails(VALID.replace("\"formatVersion\": 1", "\"formatVersion\": 2"), """
                mountflow.json: unsupported formatVersion 2 (this mountflow reads 1)""");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "\"formatVersion\": 1,           | '' | mountflow.json: missing 'formatVersion'",
            "\"formatVersion\": 1            | \"formatVersion\": \"1\" | mountflow.json: 'formatVersion' must be an integer, got \"1\"",
            "\"toolVersion\": \"0.1.0\",     | \"toolVersion\": 1, | mountflow.json: 'toolVersion' must be a string, got 1",
            "\"rootNamespace\": 1            | \"rootNamespace\": 3 | mountflow.json: rootNamespace 3 is not among the namespaces",
            "\"id\": 5                       | \"id\": 1 | mountflow.json: namespaces[1]: namespace 1 is listed twice",
            "\"mounts\": 2                   | \"mounts\": -2 | mountflow.json: namespaces[0]: 'mounts' must not be negative, got -2",
            "\"pid\": 4242,                  | \"pid\": null, | mountflow.json: namespaces[0]: missing 'pid'",
            "\"kernelId\": 4026531841        | \"kernelId\": 1.5 | mountflow.json: namespaces[0]: 'kernelId' must be an integer, got 1.5",
            "\"file\": \"mountpoints-1.img\" | \"file\": \"../../etc/passwd\" | mountflow.json: namespaces[0]: file '../../etc/passwd' of namespace 1 must be 'mountpoints-1.img'",
            "\"key\": \"data\",              | \"key\": [], | mountflow.json: externals[0]: 'key' must be a string, got []",
            "\"base64\": \"L2H//mI=\"        | \"base64\": \"L2H*\" | mountflow.json: externals[1]: 'mountpoint.base64' is not base64: Illegal base64 character 2a",
            "\"base64\": \"L2H//mI=\"        | \"b64\": \"L2H//mI=\" | mountflow.json: externals[1]: 'mountpoint' must be a string or {\"base64\": ...}, got {\"b64\":\"L2H//mI=\",\"printable\":\"/a\\\\xf...",
            "\"pluginData\": {}              | \"pluginData\": [] | mountflow.json: 'pluginData' must be an object, got []",
            "\"externals\": [                | \"externals\": 3, \"x\": [ | mountflow.json: 'externals' must be an array, got 3",
    })
    void badFieldsAreNamed(String field, String replacement, String message) {
        String json = VALID.replaceFirst(java.util.regex.Pattern.quote(field.strip()),
                java.util.regex.Matcher.quoteReplacement(replacement.strip()));
        assertThat(json).isNotEqualTo(VALID);

        assertReadFails(json, message);
    }

    private static void assertReadFails(String json, String message) {
        assertThatThrownBy(() -> Manifest.fromJson(bytes(json), "mountflow.json"))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage(message);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
