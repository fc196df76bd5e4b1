package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mountflow.image.ImageJson;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image written by CRIU's own tool, {@code crit encode}, read back by {@code mountflow show -D}. */
class CritImageShowTests {

    @Test
    void showReadsAnImageThatCritEncoded(@TempDir Path dir) throws Exception {
        requireCrit();
        Path json = dir.resolve("mnt.json");
        Files.writeString(json, """
                {"magic": "MNTS", "entries": [
                  {"fstype": 5, "mnt_id": 40, "root_dev": "0:50", "parent_mnt_id": 1, "flags": "0x200000",
                   "root": "/", "mountpoint": "/", "source": "rootfs", "options": "mode=755", "sb_flags": "0x0"},
                  {"fstype": 1, "mnt_id": 41, "root_dev": "0:51", "parent_mnt_id": 40, "flags": "0x20000e",
                   "root": "/", "mountpoint": "/proc", "source": "proc", "options": "", "sb_flags": "0x0"},
                  {"fstype": 5, "mnt_id": 42, "root_dev": "0:50", "parent_mnt_id": 40, "flags": "0x200001",
                   "root": "/data dir", "mountpoint": "/srv/data", "source": "rootfs", "options": "mode=755",
                   "shared_id": 3, "sb_flags": "0x0"},
                  {"fstype": 5, "mnt_id": 43, "root_dev": "0:50", "parent_mnt_id": 40, "flags": "0x220000",
                   "root": "/data dir", "mountpoint": "/srv/slave", "source": "rootfs", "options": "mode=755",
                   "master_id": 3, "sb_flags": "0x0"}
                ]}
                """);
        Path image = Files.createDirectories(dir.resolve("image"));
        run("crit", "encode", "-i", json.toString(), "-o", image.resolve("mountpoints-9.img").toString());

        CommandRun show = CommandRun.of("show", "-D", image.toString(), "--json");

        assertThat(show.exitCode()).isZero();
        MountImage read = ImageJson.read(show.out());
        assertThat(read.rootNamespaceId()).isEqualTo(9);
        List<Mount> mounts = read.namespaces().get(0).mounts();
        assertThat(mounts).extracting(m -> m.id() + " " + m.parentId() + " " + m.device() + " " + m.root() + " "
                        + m.mountpoint() + " " + m.fstype() + " " + m.source() + " " + MountFlags.describe(m.flags())
                        + " shared:" + m.sharedId() + " master:" + m.masterId() + " unbindable:" + m.unbindable())
                .containsExactly(
                        "40 1 0:50 / / tmpfs rootfs MS_RELATIME shared:0 master:0 unbindable:false",
                        "41 40 0:51 / /proc proc proc MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_RELATIME shared:0 master:0 unbindable:false",
                        "42 40 0:50 /data dir /srv/data tmpfs rootfs MS_RDONLY|MS_RELATIME shared:3 master:0 unbindable:false",
                        "43 40 0:50 /data dir /srv/slave tmpfs rootfs MS_RELATIME shared:0 master:3 unbindable:true");
        assertThat(mounts.get(0).options().toString()).isEqualTo("mode=755");

        CommandRun tree = CommandRun.of("show", "-D", image.toString());
        assertThat(tree.exitCode()).isZero();
        assertThat(tree.out()).containsPattern("(?m)^└─/srv/slave +rootfs\\[/data dir] +tmpfs +rw,relatime,mode=755 +master:3,unbindable$");
    }

    private static void requireCrit() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/crit")) || Files.isExecutable(Path.of("/usr/local/bin/crit"));
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("crit is not installed; CI must install Debian's criu package");
        }
        assumeTrue(present, "crit is not installed (Debian package criu)");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("%s did not finish in 60 s", String.join(" ", command));
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
    }
}
