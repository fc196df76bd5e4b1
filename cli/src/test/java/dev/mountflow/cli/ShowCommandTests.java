package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.image.ImageDirectory;
import dev.mountflow.image.ImageJson;
import dev.mountflow.model.MountImage;
import dev.mountflow.restore.corpus.LayoutProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowCommandTests {

    @Test
    void aDirectoryThatIsNotAnImageIsBadInputOnOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");

        CommandRun run = CommandRun.of("show", "-D", dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("mountflow: '" + dir
                + "' is not a mountflow image: no mountflow.json and no mountpoints-*.img\n");
    }

    @Test
    void aMissingDirectoryIsBadInputOnOneLine(@TempDir Path dir) {
        CommandRun run = CommandRun.of("show", "-D", dir.resolve("absent").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("mountflow: '" + dir.resolve("absent") + "' is not a directory\n");
    }

    @Test
    void sourceIsRequiredAndExclusive(@TempDir Path dir) {
        assertThat(CommandRun.of("show").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CommandRun both = CommandRun.of("show", "-D", dir.toString(), "--pid", "1");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err()).startsWith("mountflow: Error: --images-dir=DIR, --pid=PID are mutually exclusive");
        assertThat(CommandRun.of("show", "-D", dir.toString(), "--descendants").err())
                .isEqualTo("mountflow: --descendants needs --pid\nTry 'mountflow show --help' for more information.\n");
    }

    @Test
    void showsADumpedLayoutProcessAsTreeListAndJson(@TempDir Path dir) throws Exception {
        try (LayoutProcess layout = LayoutProcess.startRaw(DumpCommandTests.LAYOUT, 2)) {
            Path img = dir.resolve("img");
            assertThat(CommandRun.of("dump", "--pid", Long.toString(layout.pid()), "--tree", "-D", img.toString())
                    .exitCode()).isZero();
            MountImage image = ImageDirectory.read(img);

            CommandRun tree = CommandRun.of("show", "-D", img.toString());
            assertThat(tree.exitCode()).isZero();
            assertThat(tree.out())
                    .contains("mount namespace 1 (root), pid " + layout.pid())
                    .containsPattern("(?m)^mount namespace 2, pid \\d+, mnt:\\[\\d+], \\d+ mount\\(s\\)$")
                    .containsPattern("(?m)^[│├└─ ]*/mnt/peers/c +grp\\[/inner] +tmpfs +rw,relatime.* +shared:\\d+$")
                    .containsPattern("(?m)^[│├└─ ]*/mnt/sslave +grp +tmpfs .* shared:\\d+,master:\\d+$")
                    .containsPattern("(?m)^[│├└─ ]*/mnt/unb +unb +tmpfs .* private,unbindable$")
                    .containsPattern("(?m)^[│├└─ ]*/mnt/ro +data +tmpfs +ro,nosuid,relatime");

            CommandRun list = CommandRun.of("show", "-D", img.toString(), "--list");
            assertThat(list.exitCode()).isZero();
            assertThat(list.out().lines().count()).isEqualTo(1 + image.mountCount());

            CommandRun json = CommandRun.of("show", "-D", img.toString(), "--json");
            assertThat(json.exitCode()).isZero();
            assertThat(ImageJson.read(json.out())).isEqualTo(image);

            CommandRun live = CommandRun.of("show", "--pid", Long.toString(layout.pid()), "--descendants", "--list");
            assertThat(live.exitCode()).isZero();
            assertThat(live.out().lines().count()).isEqualTo(1 + image.mountCount());
        }
    }
}
