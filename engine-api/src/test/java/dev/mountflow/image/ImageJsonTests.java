package dev.mountflow.image;

import static dev.mountflow.testing.MountBuilder.mount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.error.ImageFormatException;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageJsonTests {
    private static final MountImage SMALL = new MountImage(1, "0.1.0", List.of(
            new MountNamespace(1, 4242, 4026531841L, List.of(
                    mount(21, 1, "/").device(8, 1).fstype("ext4").source("/dev/sda1")
                            .flags(MountFlags.MS_RDONLY | MountFlags.MS_NOSUID | 1 << 30)
                            .superFlags(MountFlags.MS_RDONLY).options("errors=remount-ro").shared(1)
                            .external("root").build(),
                    mount(22, 21, "/").mountpoint(SampleImages.NOT_UTF8_PATH).device(0, 33)
                            .root("/x/gone").master(1).unbindable().deleted().build()))));

    private static final String SMALL_JSON = """
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
                  "mounts": [
                    {
                      "id": 21,
                      "parent": 1,
                      "device": "8:1",
                      "root": "/",
                      "mountpoint": "/",
                      "fstype": "ext4",
                      "source": "/dev/sda1",
                      "flags": [
                        "MS_RDONLY",
                        "MS_NOSUID",
                        "0x40000000"
                      ],
                      "flagsValue": 1073741827,
                      "superFlags": [
                        "MS_RDONLY"
                      ],
                      "superFlagsValue": 1,
                      "options": "errors=remount-ro",
                      "shared": 1,
                      "master": 0,
                      "unbindable": false,
                      "deleted": false,
                      "externalKey": "root"
                    },
                    {
                      "id": 22,
                      "parent": 21,
                      "device": "0:33",
                      "root": "/x/gone",
                      "mountpoint": {
                        "base64": "L2H//mI=",
                        "printable": "/a\\\\xff\\\\xfeb"
                      },
                      "fstype": "tmpfs",
                      "source": "none",
                      "flags": [],
                      "flagsValue": 0,
                      "superFlags": [],
                      "superFlagsValue": 0,
                      "options": "",
                      "shared": 0,
                      "master": 1,
                      "unbindable": true,
                      "deleted": true,
                      "externalKey": null
                    }
                  ]
                }
              ],
              "externals": [
                {
                  "key": "root",
                  "mountpoint": "/",
                  "namespace": 1
                }
              ],
              "pluginData": {}
            }
            """;

    @Test
    void writesEveryFieldByName() {
        assertThat(ImageJson.write(SMALL)).isEqualTo(SMALL_JSON);
    }

    @Test
    void readsWhatItWrites() {
        assertThat(ImageJson.read(SMALL_JSON)).isEqualTo(SMALL);
    }

    @Test
    void everyFeatureSurvivesARoundTrip() {
        List<dev.mountflow.model.Mount> all = new ArrayList<>(SampleImages.featureMounts());
        all.addAll(SampleImages.everyNamedFsType());
        all.add(mount(9, 1, "/\n\t\\\"").device(0, 1).source(RawString.of(new byte[] {0, 1, 0x7f}))
                .flags(-1).superFlags(Integer.MIN_VALUE).shared(Integer.MAX_VALUE).build());
        MountImage image = new MountImage(3, "", List.of(
                new MountNamespace(3, 0, Long.MAX_VALUE, all),
                new MountNamespace(2, 1, 2, SampleImages.nonUtf8Mounts()),
                new MountNamespace(4, 1, 2, List.of())));

        assertThat(ImageJson.read(ImageJson.write(image))).isEqualTo(image);
    }

    @Test
    void flagNamesMustMatchTheValue() {
        assertReadFails(SMALL_JSON.replace("\"0x40000000\"", "\"MS_NODEV\""), """
                image JSON: namespaces[0].mounts[0]: 'flags' [MS_RDONLY, MS_NOSUID, MS_NODEV] do not \
                match 'flagsValue' 1073741827 [MS_RDONLY, MS_NOSUID, 0x40000000]""");
    }

    @Test
    void missingMountField() {
        assertReadFails(SMALL_JSON.replace("\"device\": \"0:33\",", ""), """
                image JSON: namespaces[0].mounts[1]: missing 'device'""");
    }

    @Test
    void badDevice() {
        assertReadFails(SMALL_JSON.replace("\"0:33\"", "\"33\""), """
                image JSON: namespaces[0].mounts[1]: device '33' is not major:minor""");
    }

    @Test
    void flagsValueOutOfRange() {
        assertReadFails(SMALL_JSON.replace("1073741827", "4294967296"), """
                image JSON: namespaces[0].mounts[0]: 'flagsValue' must be an integer from 0 to 4294967295, \
                got 4294967296""");
    }

    @Test
    void mountsMustBeAnArray() {
        assertReadFails("{\"formatVersion\": 1, \"namespaces\": [{\"mounts\": 3}]}", """
                image JSON: namespaces[0]: 'mounts' must be an array, got 3""");
    }

    @Test
    void formatVersionIsCheckedFirst() {
        assertReadFails("{\"formatVersion\": 2, \"namespaces\": {}}", """
                image JSON: unsupported formatVersion 2 (this mountflow reads 1)""");
    }

    @Test
    void manifestChecksStillApply() {
        assertReadFails(SMALL_JSON.replace("\"rootNamespace\": 1", "\"rootNamespace\": 9"), """
                image JSON: rootNamespace 9 is not among the namespaces""");
    }

    @Test
    void namesTheDocumentItIsGiven() {
        assertThatThrownBy(() -> ImageJson.read("nope", "/srv/image.json"))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("/srv/image.json: bad JSON at line 1, column 5: Unrecognized token 'nope': "
                        + "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }

    private static void assertReadFails(String json, String message) {
        assertThatThrownBy(() -> ImageJson.read(json))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage(message);
    }
}
