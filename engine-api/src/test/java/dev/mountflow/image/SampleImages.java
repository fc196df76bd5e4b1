package dev.mountflow.image;

import static dev.mountflow.testing.MountBuilder.mount;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;

/** Mount lists and images that exercise every field of the image format. */
final class SampleImages {
    /** {@code /a\xff\xfeb}: a path that is not UTF-8. */
    static final RawString NOT_UTF8_PATH = RawString.of("/a").concat(bytes(0xff, 0xfe)).concat(RawString.of("b"));

    private SampleImages() {
    }

    /** A byte string from byte values, for bytes no Java string literal gives as UTF-8. */
    static RawString bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return RawString.of(out);
    }

    /** One mount per feature of the format; every path, source and option is valid UTF-8. */
    static List<Mount> featureMounts() {
        return List.of(
                mount(21, 1, "/").device(8, 1).fstype("ext4").source("/dev/sda1")
                        .flags(MountFlags.MS_RELATIME).options("errors=remount-ro").shared(1).build(),
                mount(22, 21, "/proc").device(0, 21).fstype("proc").source("proc")
                        .flags(MountFlags.MS_NOSUID | MountFlags.MS_NODEV | MountFlags.MS_NOEXEC).build(),
                mount(23, 21, "/tmp").device(0, 33).source("tmpfs").flags(MountFlags.MS_NOSUID)
                        .superFlags(MountFlags.MS_LAZYTIME).options("size=65536k,mode=1777")
                        .shared(2).master(1).unbindable().build(),
                mount(24, 21, "/srv/data").device(253, 3).root("/exports/data").fstype("xfs")
                        .source("/dev/mapper/vg-data").flags(MountFlags.MS_RDONLY)
                        .superFlags(MountFlags.MS_RDONLY).options("attr2,inode64").external("data").build(),
                mount(25, 21, "/mnt/remote").device(0, 55).fstype("fuse.sshfs").source("me@host:")
                        .options("user_id=0,group_id=0").master(2).build(),
                mount(26, 23, "/tmp/gone").device(0, 33).root("/x/gone").source("tmpfs").deleted().build(),
                mount(27, 21, "/mnt/odd").device(4095, 1048575).fstype("unknown:42").build());
    }

    /** Mounts whose paths, source and options carry bytes that are not UTF-8. */
    static List<Mount> nonUtf8Mounts() {
        return List.of(
                mount(31, 1, "/").device(0, 40).root(NOT_UTF8_PATH).mountpoint(NOT_UTF8_PATH)
                        .source(NOT_UTF8_PATH).options(RawString.of("x=").concat(bytes(0x80))).build());
    }

    /** One mount of every filesystem type with a name of its own. */
    static List<Mount> everyNamedFsType() {
        List<Mount> mounts = new ArrayList<>();
        int id = 100;
        for (FsType type : FsType.values()) {
            if (type.kernelName().isPresent()) {
                mounts.add(mount(id, 99, "/t/" + type.kernelName().get()).device(0, 1)
                        .fstype(type.kernelName().get()).build());
                id++;
            }
        }
        return mounts;
    }

    /** Two namespaces, the root one holding an external mount and a non-UTF-8 mountpoint. */
    static MountImage twoNamespaces() {
        return new MountImage(1, "0.1.0", List.of(
                new MountNamespace(1, 4242, 4026531841L, featureMounts()),
                new MountNamespace(2, 4343, 4026532000L, nonUtf8Mounts())));
    }
}
