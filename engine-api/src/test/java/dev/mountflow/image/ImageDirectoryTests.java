package dev.mountflow.image;

import static dev.mountflow.testing.MountBuilder.mount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.error.ImageFormatException;
import dev.mountflow.error.InputException;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDirectoryTests {
    @TempDir
    Path tmp;

    @Test
    void readsWhatItWrites() throws IOException {
        Path dir = tmp.resolve("image");
        MountImage image = SampleImages.twoNamespaces();

        ImageDirectory.write(dir, image);

        assertThat(ImageDirectory.read(dir)).isEqualTo(image);
        assertThat(fileNames(dir)).containsExactly("mountflow.json", "mountpoints-1.img", "mountpoints-2.img");
        assertThat(Files.readString(dir.resolve("mountflow.json"))).isEqualTo(Manifest.of(image).toJson());
    }

    @Test
    void overwritesAnEarlierImage() throws IOException {
        ImageDirectory.write(tmp, SampleImages.twoNamespaces());
        MountImage smaller = new MountImage(2, "0.2.0",
                List.of(new MountNamespace(2, 1, 2, SampleImages.nonUtf8Mounts())));

        ImageDirectory.write(tmp, smaller);

        assertThat(ImageDirectory.read(tmp)).isEqualTo(smaller);
    }

    @Test
    void aFailedWriteLeavesNoManifestAndNoTemporaryFile() throws IOException {
        ImageDirectory.write(tmp, SampleImages.twoNamespaces());
        Files.delete(tmp.resolve("mountpoints-2.img"));
        Files.createDirectories(tmp.resolve("mountpoints-2.img/blocker"));

        assertThatThrownBy(() -> ImageDirectory.write(tmp, SampleImages.twoNamespaces()))
                .isInstanceOf(IOException.class);

        assertThat(fileNames(tmp)).containsExactly("mountpoints-1.img", "mountpoints-2.img");
    }

    @Test
    void refusesToWriteIntoAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        assertThatThrownBy(() -> ImageDirectory.write(file, SampleImages.twoNamespaces()))
                .isInstanceOf(InputException.class)
                .hasMessage("'" + file + "' is not a directory");
    }

    @Test
    void readsACriuDirectoryWithoutManifest() throws IOException {
        List<Mount> ns3 = List.of(mount(30, 1, "/").device(0, 1).build());
        List<Mount> ns10 = List.of(mount(100, 1, "/").device(0, 1).build(), mount(101, 100, "/x").device(0, 1).build());
        List<Mount> ns1 = List.of(mount(10, 1, "/").device(0, 1).fstype("ext4").build());
        writeImageFile("mountpoints-3.img", ns3);
        writeImageFile("mountpoints-10.img", ns10);
        writeImageFile("mountpoints-1.img", ns1);
        Files.writeString(tmp.resolve("inventory.img"), "other CRIU files are ignored");

        assertThat(ImageDirectory.read(tmp)).isEqualTo(new MountImage(1, "", List.of(
                new MountNamespace(1, 0, 0, ns1),
                new MountNamespace(3, 0, 0, ns3),
                new MountNamespace(10, 0, 0, ns10))));
    }

    @Test
    void missingDirectory() {
        Path missing = tmp.resolve("missing");

        assertReadFails(missing, "'" + missing + "' is not a directory");
    }

    @Test
    void fileInsteadOfDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        assertReadFails(file, "'" + file + "' is not a directory");
    }

    @Test
    void emptyDirectory() {
        assertReadFails(tmp, "'" + tmp + "' is not a mountflow image: no mountflow.json and no mountpoints-*.img");
    }

    @Test
    void imageFileWithABadNamespaceId() throws IOException {
        writeImageFile("mountpoints-01.img", List.of());

        assertReadFails(tmp, "'" + tmp.resolve("mountpoints-01.img") + "': '01' is not a namespace id");
    }

    @Test
    void imageFileWithANamespaceIdBeyondInt() throws IOException {
        writeImageFile("mountpoints-2147483648.img", List.of());

        assertReadFails(tmp, "'" + tmp.resolve("mountpoints-2147483648.img") + "': '2147483648' is not a namespace id");
    }

    @Test
    void manifestNamingAMissingFile() throws IOException {
        ImageDirectory.write(tmp, SampleImages.twoNamespaces());
        Files.delete(tmp.resolve("mountpoints-2.img"));

        assertReadFails(tmp, tmp.resolve("mountflow.json") + ": namespace 2: file 'mountpoints-2.img' is missing");
    }

    @Test
    void manifestCountingOtherMounts() throws IOException {
        ImageDirectory.write(tmp, SampleImages.twoNamespaces());
        writeImageFile("mountpoints-2.img", List.of());

        assertReadFails(tmp, tmp.resolve("mountflow.json")
                + ": namespace 2 lists 1 mounts but 'mountpoints-2.img' holds 0");
    }

    @Test
    void manifestThatIsNotJson() throws IOException {
        ImageDirectory.write(tmp, SampleImages.twoNamespaces());
        Files.writeString(tmp.resolve("mountflow.json"), "{\"formatVersion\": 1,");

        assertReadFails(tmp, tmp.resolve("mountflow.json") + ": bad JSON at line 1, column 21: "
                + "Unexpected end-of-input within/between Object entries");
    }

    @Test
    void manifestOfAnotherFormatVersion() throws IOException {
        ImageDirectory.write(tmp, SampleImages.twoNamespaces());
        Path manifest = tmp.resolve("mountflow.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"formatVersion\": 1", "\"formatVersion\": 7"));

        assertReadFails(tmp, manifest + ": unsupported formatVersion 7 (this mountflow reads 1)");
    }

    @Test
    void brokenImageFileIsNamedByPath() throws IOException {
        ImageDirectory.write(tmp, SampleImages.twoNamespaces());
        Files.write(tmp.resolve("mountpoints-2.img"), new byte[] {0x19, 0x43, 0x56, 0x54, 0, 0, 0, 0});

        assertReadFails(tmp, tmp.resolve("mountpoints-2.img")
                + ": bad magic 0x00000000 at offset 4, expected 0x55563928 (MNTS)");
    }

    private void writeImageFile(String name, List<Mount> mounts) throws IOException {
        try (OutputStream out = Files.newOutputStream(tmp.resolve(name))) {
            MountpointsImage.write(mounts, out);
        }
    }

    private static void assertReadFails(Path dir, String message) {
        assertThatThrownBy(() -> ImageDirectory.read(dir))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage(message);
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
