package dev.mountflow.image;

import static dev.mountflow.testing.MountBuilder.mount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoFixtures;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the image format against CRIU's own tool: {@code crit decode} must read what we write,
 * and we must read what {@code crit encode} writes.
 *
 * <p>How crit 3.17 renders a {@code mnt_entry} with {@code --pretty}: {@code fstype} as a number
 * (CRIU declares the field uint32, not the enum); {@code root_dev} as {@code "major:minor"} of
 * the kernel encoding; {@code flags} and {@code sb_flags} as hex strings ({@code "0x20002"});
 * strings as JSON strings, except that one which is not UTF-8 becomes Python's bytes literal
 * ({@code "b'/a\\xff'"}), so such strings cannot go through crit's JSON and back; optional fields
 * only when present. {@code crit encode} takes the same forms (and plain numbers for flags).
 */
class CritCompatibilityTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Crit crit;

    @BeforeEach
    void requireCrit() {
        crit = Crit.require();
    }

    @Test
    void critDecodesEveryFieldWeWrite() throws Exception {
        List<Mount> mounts = new ArrayList<>(SampleImages.featureMounts());
        mounts.addAll(SampleImages.nonUtf8Mounts());
        Path img = write("mountpoints-1.img", mounts);

        JsonNode decoded = JSON.readTree(crit.run(tmp, "decode", "-i", img.toString(), "--pretty"));

        assertThat(decoded).isEqualTo(JSON.readTree("""
                {
                    "magic": "MNTS",
                    "entries": [
                        {
                            "fstype": 16, "mnt_id": 21, "root_dev": "8:1", "parent_mnt_id": 1,
                            "flags": "0x200000", "root": "/", "mountpoint": "/",
                            "source": "/dev/sda1", "options": "errors=remount-ro", "shared_id": 1,
                            "fsname": "ext4", "sb_flags": "0x0"
                        },
                        {
                            "fstype": 1, "mnt_id": 22, "root_dev": "0:21", "parent_mnt_id": 21,
                            "flags": "0xe", "root": "/", "mountpoint": "/proc", "source": "proc",
                            "options": "", "sb_flags": "0x0"
                        },
                        {
                            "fstype": 5, "mnt_id": 23, "root_dev": "0:33", "parent_mnt_id": 21,
                            "flags": "0x20002", "root": "/", "mountpoint": "/tmp", "source": "tmpfs",
                            "options": "size=65536k,mode=1777", "shared_id": 2, "master_id": 1,
                            "sb_flags": "0x2000000"
                        },
                        {
                            "fstype": 16, "mnt_id": 24, "root_dev": "253:3", "parent_mnt_id": 21,
                            "flags": "0x1", "root": "/exports/data", "mountpoint": "/srv/data",
                            "source": "/dev/mapper/vg-data", "options": "attr2,inode64",
                            "ext_mount": true, "fsname": "xfs", "sb_flags": "0x1", "ext_key": "data"
                        },
                        {
                            "fstype": 16, "mnt_id": 25, "root_dev": "0:55", "parent_mnt_id": 21,
                            "flags": "0x0", "root": "/", "mountpoint": "/mnt/remote",
                            "source": "me@host:", "options": "user_id=0,group_id=0", "master_id": 2,
                            "fsname": "fuse.sshfs", "sb_flags": "0x0"
                        },
                        {
                            "fstype": 5, "mnt_id": 26, "root_dev": "0:33", "parent_mnt_id": 23,
                            "flags": "0x0", "root": "/x/gone", "mountpoint": "/tmp/gone",
                            "source": "tmpfs", "options": "", "deleted": true, "sb_flags": "0x0"
                        },
                        {
                            "fstype": 42, "mnt_id": 27, "root_dev": "4095:1048575", "parent_mnt_id": 21,
                            "flags": "0x0", "root": "/", "mountpoint": "/mnt/odd", "source": "none",
                            "options": "", "sb_flags": "0x0"
                        },
                        {
                            "fstype": 5, "mnt_id": 31, "root_dev": "0:40", "parent_mnt_id": 1,
                            "flags": "0x0", "root": "b'/a\\\\xff\\\\xfeb'", "mountpoint": "b'/a\\\\xff\\\\xfeb'",
                            "source": "b'/a\\\\xff\\\\xfeb'", "options": "b'x=\\\\x80'", "sb_flags": "0x0"
                        }
                    ]
                }
                """));
    }

    @Test
    void critSeesEveryFilesystemCode() throws Exception {
        Path img = write("mountpoints-1.img", SampleImages.everyNamedFsType());

        JsonNode decoded = JSON.readTree(crit.run(tmp, "decode", "-i", img.toString(), "--pretty"));

        List<String> codes = new ArrayList<>();
        decoded.get("entries").forEach(e -> codes.add(e.get("mountpoint").textValue() + "=" + e.get("fstype")));
        assertThat(codes).containsExactly("/t/proc=1", "/t/sysfs=2", "/t/devtmpfs=3", "/t/binfmt_misc=4",
                "/t/tmpfs=5", "/t/devpts=6", "/t/simfs=7", "/t/pstore=8", "/t/securityfs=9", "/t/fusectl=10",
                "/t/debugfs=11", "/t/cgroup=12", "/t/aufs=13", "/t/mqueue=14", "/t/fuse=15", "/t/overlay=17",
                "/t/autofs=18", "/t/tracefs=19", "/t/cgroup2=23");
    }

    @Test
    void weReadWhatCritEncodes() throws Exception {
        Path json = Files.writeString(tmp.resolve("in.json"), """
                {
                    "magic": "MNTS",
                    "entries": [
                        {
                            "fstype": 16, "mnt_id": 50, "root_dev": "8:2", "parent_mnt_id": 49,
                            "flags": "0x200000", "root": "/", "mountpoint": "/",
                            "source": "/dev/sda2", "options": "errors=remount-ro", "shared_id": 1,
                            "fsname": "ext4", "sb_flags": "0x0"
                        },
                        {
                            "fstype": 5, "mnt_id": 51, "root_dev": "0:44", "parent_mnt_id": 50,
                            "flags": "0x20006", "root": "/", "mountpoint": "/dev/shm", "source": "shm",
                            "options": "size=65536k", "master_id": 1, "deleted": true,
                            "sb_flags": "0x2000001"
                        },
                        {
                            "fstype": 23, "mnt_id": 52, "root_dev": "0:27", "parent_mnt_id": 50,
                            "flags": 15, "root": "/", "mountpoint": "/sys/fs/cgroup",
                            "source": "cgroup2", "options": "nsdelegate"
                        },
                        {
                            "fstype": 16, "mnt_id": 53, "root_dev": "253:7", "parent_mnt_id": 50,
                            "flags": "0x1", "root": "/exports", "mountpoint": "/srv",
                            "source": "/dev/mapper/vg-srv", "options": "", "ext_mount": true,
                            "ext_key": "srv", "fsname": "xfs", "sb_flags": "0x1"
                        }
                    ]
                }
                """);
        Path image = Files.createDirectory(tmp.resolve("image"));
        Path scratch = Files.createDirectory(tmp.resolve("scratch"));

        crit.run(scratch, "encode", "-i", json.toString(), "-o", image.resolve("mountpoints-7.img").toString());

        assertThat(ImageDirectory.read(image)).isEqualTo(new MountImage(7, "", List.of(
                new MountNamespace(7, 0, 0, List.of(
                        mount(50, 49, "/").device(8, 2).fstype("ext4").source("/dev/sda2")
                                .flags(MountFlags.MS_RELATIME).options("errors=remount-ro").shared(1).build(),
                        mount(51, 50, "/dev/shm").device(0, 44).source("shm")
                                .flags(MountFlags.MS_NOSUID | MountFlags.MS_NODEV).unbindable()
                                .superFlags(MountFlags.MS_LAZYTIME | MountFlags.MS_RDONLY)
                                .options("size=65536k").master(1).deleted().build(),
                        mount(52, 50, "/sys/fs/cgroup").device(0, 27).fstype("cgroup2").source("cgroup2")
                                .flags(MountFlags.MS_RDONLY | MountFlags.MS_NOSUID | MountFlags.MS_NODEV
                                        | MountFlags.MS_NOEXEC)
                                .options("nsdelegate").build(),
                        mount(53, 50, "/srv").device(253, 7).root("/exports").fstype("xfs")
                                .source("/dev/mapper/vg-srv").flags(MountFlags.MS_RDONLY)
                                .superFlags(MountFlags.MS_RDONLY).external("srv").build())))));
    }

    /**
     * Every real mount table we have a fixture of, turned into an image as {@code dump} does,
     * decodes in crit to exactly our fields. Mounts whose text is not UTF-8 are left out: crit
     * prints those as Python bytes, which {@link #critDecodesEveryFieldWeWrite} covers.
     */
    @ParameterizedTest
    @MethodSource("dev.mountflow.mountinfo.MountInfoFixtures#names")
    void critDecodesTheImageOfEveryCapturedMountTableFieldByField(String fixture) throws Exception {
        List<Mount> mounts = MountInfoFixtures.parse(fixture).stream().map(MountInfoEntry::toMount)
                .filter(CritCompatibilityTests::allUtf8).toList();
        Path img = write("mountpoints-3.img", mounts);

        JsonNode entries = JSON.readTree(crit.run(tmp, "decode", "-i", img.toString(), "--pretty")).get("entries");

        assertThat(entries).hasSize(mounts.size());
        for (int i = 0; i < mounts.size(); i++) {
            assertThat(entries.get(i)).as(mounts.get(i).label()).isEqualTo(critView(mounts.get(i)));
        }
    }

    /** What crit 3.17 prints for one mount: numbers, "major:minor", hex flags, optional fields only when set. */
    private static JsonNode critView(Mount m) {
        ObjectNode e = JSON.createObjectNode();
        e.put("fstype", FsType.codeFor(m.fstype()));
        e.put("mnt_id", m.id());
        e.put("root_dev", m.device().major() + ":" + m.device().minor());
        e.put("parent_mnt_id", m.parentId());
        e.put("flags", "0x" + Integer.toHexString(m.flags() | (m.unbindable() ? MountFlags.MS_UNBINDABLE : 0)));
        e.put("root", m.root().utf8());
        e.put("mountpoint", m.mountpoint().utf8());
        e.put("source", m.source().utf8());
        e.put("options", m.options().utf8());
        if (m.sharedId() != 0) {
            e.put("shared_id", m.sharedId());
        }
        if (m.masterId() != 0) {
            e.put("master_id", m.masterId());
        }
        if (FsType.codeFor(m.fstype()) == FsType.AUTO.code()) {
            e.put("fsname", m.fstype());
        }
        if (m.deleted()) {
            e.put("deleted", true);
        }
        e.put("sb_flags", "0x" + Integer.toHexString(m.superFlags()));
        return e;
    }

    private static boolean allUtf8(Mount m) {
        return m.root().isValidUtf8() && m.mountpoint().isValidUtf8() && m.source().isValidUtf8() && m.options().isValidUtf8();
    }

    @Test
    void critReencodesOurImageByteForByte() throws Exception {
        List<Mount> mounts = new ArrayList<>(SampleImages.featureMounts());
        mounts.addAll(SampleImages.everyNamedFsType());
        Path ours = write("mountpoints-1.img", mounts);
        Path json = tmp.resolve("decoded.json");
        Path theirs = tmp.resolve("reencoded.img");

        crit.run(tmp, "decode", "-i", ours.toString(), "-o", json.toString());
        crit.run(tmp, "encode", "-i", json.toString(), "-o", theirs.toString());

        assertThat(theirs).hasBinaryContent(Files.readAllBytes(ours));
    }

    private Path write(String name, List<Mount> mounts) throws IOException {
        Path img = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(img)) {
            MountpointsImage.write(mounts, out);
        }
        return img;
    }
}
