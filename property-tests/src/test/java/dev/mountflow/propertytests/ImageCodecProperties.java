package dev.mountflow.propertytests;

import static dev.mountflow.propertytests.MountSources.mountForests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.image.ImageJson;
import dev.mountflow.image.MountpointsImage;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountNamespace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image codecs lose nothing of any generated image: model to {@code .img} and back, model to JSON and back. */
class ImageCodecProperties {
    static final int EXAMPLES = 400;
    static final int SHRINKS = 30_000;

    @Test
    void everyNamespaceReadsBackFromItsMountpointsImageUnchanged() {
        PropertyBudget.qt(EXAMPLES, SHRINKS).forAll(mountForests()).checkAssert(image -> {
            for (MountNamespace ns : image.namespaces()) {
                assertThat(readBack(ns.mounts())).as("namespace %d through mountpoints-%d.img", ns.id(), ns.id())
                        .isEqualTo(ns.mounts());
            }
        });
    }

    @Test
    void everyImageReadsBackFromItsJsonUnchanged() {
        PropertyBudget.qt(EXAMPLES, SHRINKS).forAll(mountForests()).checkAssert(image ->
                assertThat(ImageJson.read(ImageJson.write(image))).isEqualTo(image));
    }

    private static List<Mount> readBack(List<Mount> mounts) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MountpointsImage.write(mounts, out);
            return MountpointsImage.read(new ByteArrayInputStream(out.toByteArray()), "mountpoints.img");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
