package dev.mountflow.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTreeRendererTests {

    static Mount mount(int id, int parent, int minor, String root, String mountpoint, String fstype, String source,
            int flags, int sharedId, int masterId, boolean unbindable, boolean deleted) {
        return new Mount(id, parent, new DeviceId(0, minor), RawString.of(root), RawString.of(mountpoint), fstype,
                RawString.of(source), flags, 0, RawString.of(fstype.equals("tmpfs") ? "size=64k" : ""),
                sharedId, masterId, unbindable, deleted, null);
    }

    static final MountImage IMAGE = new MountImage(1, "test", List.of(
            new MountNamespace(1, 42, 4026532177L, List.of(
                    mount(10, 1, 1, "/", "/", "tmpfs", "rootfs", 0, 0, 0, false, false),
                    mount(11, 10, 2, "/", "/proc", "proc", "proc", MountFlags.MS_NOSUID | MountFlags.MS_NODEV, 0, 0, false, false),
                    mount(12, 10, 3, "/", "/run", "tmpfs", "run", 0, 7, 0, false, false),
                    mount(13, 12, 3, "/sub dir", "/run/peer", "tmpfs", "run", MountFlags.MS_RDONLY, 7, 0, false, false),
                    mount(14, 10, 4, "/gone", "/tmp", "tmpfs", "tmp", 0, 0, 7, true, true))),
            new MountNamespace(2, 0, 0, List.of(
                    mount(20, 19, 1, "/", "/", "tmpfs", "rootfs", 0, 0, 0, false, false)))));

    @Test
    void drawsEachNamespaceAsAFindmntTree() {
        StringWriter out = new StringWriter();
        new MountTreeRenderer().render(IMAGE, new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("""
                mount namespace 1 (root), pid 42, mnt:[4026532177], 5 mount(s)
                TARGET        SOURCE               FSTYPE OPTIONS         PROPAGATION
                /             rootfs               tmpfs  rw,size=64k     private
                ├─/proc       proc                 proc   rw,nosuid,nodev private
                ├─/run        run                  tmpfs  rw,size=64k     shared:7
                │ └─/run/peer run[/sub dir]        tmpfs  ro,size=64k     shared:7
                └─/tmp        tmp[/gone (deleted)] tmpfs  rw,size=64k     master:7,unbindable

                mount namespace 2, 1 mount(s)
                TARGET SOURCE FSTYPE OPTIONS     PROPAGATION
                /      rootfs tmpfs  rw,size=64k private
                """);
    }

    @Test
    void listsEveryMountWithIdsParentsAndDevices() {
        StringWriter out = new StringWriter();
        new MountListRenderer().render(IMAGE, new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("""
                NS ID PARENT DEVICE TARGET    SOURCE               FSTYPE OPTIONS         PROPAGATION
                1  10 1      0:1    /         rootfs               tmpfs  rw,size=64k     private
                1  11 10     0:2    /proc     proc                 proc   rw,nosuid,nodev private
                1  12 10     0:3    /run      run                  tmpfs  rw,size=64k     shared:7
                1  13 12     0:3    /run/peer run[/sub dir]        tmpfs  ro,size=64k     shared:7
                1  14 10     0:4    /tmp      tmp[/gone (deleted)] tmpfs  rw,size=64k     master:7,unbindable
                2  20 19     0:1    /         rootfs               tmpfs  rw,size=64k     private
                """);
    }
}
