package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.RawString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** What the tmpfs-content tests read back from a dumped image: archives and the mounts they belong to. */
final class TmpfsArchives {
    private TmpfsArchives() {
    }

    /** The content archive of {@code m}'s superblock in {@code imageDir}, as CRIU names it. */
    static Path archive(Path imageDir, Mount m) {
        return imageDir.resolve("tmpfs-dev-" + Integer.toUnsignedString(m.device().encoded()) + ".tar.gz.img");
    }

    /** The entry names of that archive, as {@code tar -tzf} lists them (which must succeed). */
    static List<String> tarList(Path imageDir, Mount m) throws Exception {
        Process tar = new ProcessBuilder("tar", "-tzf", archive(imageDir, m).toString()).start();
        List<String> out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).lines().toList();
        tar.getErrorStream().readAllBytes();
        assertThat(tar.waitFor()).isZero();
        return out;
    }

    /** The mount of the image's first namespace at {@code mountpoint}. */
    static Mount mount(MountImage image, String mountpoint) {
        return image.namespaces().get(0).mounts().stream().filter(m -> m.mountpoint().equals(RawString.of(mountpoint)))
                .findFirst().orElseThrow();
    }
}
