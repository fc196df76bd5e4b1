package dev.mountflow.plugins.tmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.kernel.NamespaceThread;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.FsContextFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MountAttrFlags;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree of every kind of file, walked into a content archive and extracted into a new tmpfs,
 * reads back identical from the kernel; GNU tar lists the archive. The tmpfs filesystems are
 * detached mounts made in a private namespace, so no mount table ever shows them.
 */
class ContentArchiveTests {
    private static final Kernel K = JnrKernel.load();

    private NamespaceThread ns;
    private int source;
    private int target;

    @BeforeEach
    void mountTwoTmpfs() {
        ns = NamespaceThread.newPrivate(K);
        source = ns.call(ContentArchiveTests::detachedTmpfs);
        target = ns.call(ContentArchiveTests::detachedTmpfs);
    }

    @AfterEach
    void unmount() {
        K.close(source);
        K.close(target);
        ns.close();
    }

    @Test
    void everyKindOfFileComesBackAsItWas() throws IOException {
        ContentFixture.make(K, source);
        Map<String, String> before = TreeSnapshot.of(K, source);

        int entries = new ContentExtractor(K, target).extract(new GZIPInputStream(new ByteArrayInputStream(archive())));

        assertThat(TreeSnapshot.of(K, target)).containsExactlyEntriesOf(before);
        assertThat(entries).isEqualTo(before.size());
        assertThat(before.get("sparse")).contains("size=" + ContentFixture.SPARSE_SIZE + " sparse");
        assertThat(before.get("hard")).contains("same-inode-as=d/f");
    }

    @Test
    void gnuTarListsTheArchive(@TempDir Path dir) throws Exception {
        ContentFixture.make(K, source);
        Path file = dir.resolve(ContentArchive.fileName(new dev.mountflow.model.DeviceId(0, 45)));
        Files.write(file, archive());

        Process tar = new ProcessBuilder("tar", "-tzf", file.toString()).start();
        List<String> listed = new String(tar.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).lines().toList();
        String warnings = new String(tar.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(tar.waitFor()).isZero();
        assertThat(file.getFileName().toString()).isEqualTo("tmpfs-dev-45.tar.gz.img");
        // GNU tar prints names with C escapes, in archive order (bytes, unsigned).
        assertThat(listed).containsExactly("./", "d/", "d/e/", "d/f", "dangling", "empty", "fifo", "hard", "link", "loop9",
                "new\\nline", "null", "n\\377x", "sparse", "x".repeat(120));
        // A binary xattr value is kept as libarchive writes it, which GNU tar does not read.
        assertThat(warnings).isEqualTo("tar: Ignoring unknown extended header keyword 'LIBARCHIVE.xattr.trusted.secret'\n");
    }

    @Test
    void anEntryBelowASymlinkIsRefusedAndNothingIsFollowed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarEntryWriter tar = new TarEntryWriter(bytes)) {
            tar.write(symlink("escape", "/"), null);
            tar.write(file("escape/etc-file"), (offset, length, out) -> out.write(new byte[(int) length]));
            tar.finish();
        }

        assertThatThrownBy(() -> new ContentExtractor(K, target).extract(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IOException.class)
                .hasMessage("archive entry 'escape/etc-file': openat2 fd=" + target
                        + " path='escape' flags=O_DIRECTORY|O_CLOEXEC|O_PATH resolve=RESOLVE_NO_XDEV|RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH"
                        + ": ELOOP (Too many levels of symbolic links)");
    }

    @Test
    void anEntryWithDotDotIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarEntryWriter tar = new TarEntryWriter(bytes)) {
            tar.write(file("a/../../up"), (offset, length, out) -> out.write(new byte[(int) length]));
            tar.finish();
        }

        assertThatThrownBy(() -> new ContentExtractor(K, target).extract(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("archive entry 'a/../../up' leaves its directory with '..'");
    }

    private byte[] archive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GZIPOutputStream gzip = new GZIPOutputStream(bytes);
        try (TarEntryWriter tar = new TarEntryWriter(gzip)) {
            new ContentWalker(K).walk(source, RawString.EMPTY, tar::write);
            tar.finish();
            gzip.finish();
        }
        return bytes.toByteArray();
    }

    private static ContentEntry symlink(String path, String target) {
        return new ContentEntry(RawString.of(path), ContentEntry.Type.SYMLINK, 0777, 0, 0, time(), time(), 0,
                RawString.of(target), 0, 0, Map.of(), List.of());
    }

    private static ContentEntry file(String path) {
        return new ContentEntry(RawString.of(path), ContentEntry.Type.REGULAR, 0644, 0, 0, time(), time(), 3, null, 0, 0,
                Map.of(), List.of(new ContentEntry.Segment(0, 3)));
    }

    private static dev.mountflow.spi.FileAttributes.FileTime time() {
        return new dev.mountflow.spi.FileAttributes.FileTime(1, 0);
    }

    private static int detachedTmpfs() {
        int ctx = K.fsopen("tmpfs", FsContextFlags.FSOPEN_CLOEXEC);
        try {
            K.fsconfig(ctx, FsContextFlags.FSCONFIG_CMD_CREATE, null, null, 0);
            return K.fsmount(ctx, FsContextFlags.FSMOUNT_CLOEXEC, (int) MountAttrFlags.MOUNT_ATTR_NOATIME);
        } finally {
            K.close(ctx);
        }
    }
}
