package dev.mountflow.dump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.List;
import org.junit.jupiter.api.Test;

class DumpabilityCheckTests {
    private static final DeviceId DISK = new DeviceId(8, 1);

    static Mount mount(int id, int parent, DeviceId dev, String root, String mountpoint, String fstype, int shared, int master) {
        return new Mount(id, parent, dev, RawString.of(root), RawString.of(mountpoint), fstype, RawString.of("src"),
                0, 0, RawString.EMPTY, shared, master, false, false, null);
    }

    static MountImage image(List<Mount> root, List<Mount> nested) {
        return new MountImage(1, "t", nested.isEmpty()
                ? List.of(new MountNamespace(1, 0, 0, root))
                : List.of(new MountNamespace(1, 0, 0, root), new MountNamespace(2, 0, 0, nested)));
    }

    @Test
    void freshFilesystemsAndBindsInsideTheRootFilesystemAreDumpable() {
        MountImage image = image(List.of(
                mount(1, 0, new DeviceId(8, 1), "/srv/container", "/", "ext4", 0, 0),
                mount(2, 1, new DeviceId(8, 1), "/srv/container/data", "/data", "ext4", 0, 0),
                mount(3, 1, new DeviceId(0, 40), "/", "/proc", "proc", 0, 0),
                mount(4, 1, new DeviceId(0, 41), "/", "/run", "tmpfs", 7, 0),
                mount(5, 1, new DeviceId(0, 41), "/", "/run2", "tmpfs", 0, 7)),
                List.of(mount(6, 99, new DeviceId(8, 1), "/srv/container", "/", "ext4", 0, 0),
                        mount(7, 6, new DeviceId(0, 41), "/", "/run", "tmpfs", 0, 7)));

        assertThat(new DumpabilityCheck().problems(image)).isEmpty();
    }

    @Test
    void refusesHostContentOutsideTheRootsRootAndOtherDevices() {
        MountImage image = image(List.of(
                mount(1, 0, DISK, "/srv/container", "/", "ext4", 0, 0),
                mount(2, 1, DISK, "/home", "/home", "ext4", 0, 0),
                mount(3, 1, new DeviceId(8, 2), "/", "/data", "xfs", 0, 0),
                mount(4, 1, DISK, "/srv/container-old", "/old", "ext4", 0, 0)),
                List.of());

        assertThat(new DumpabilityCheck().problems(image)).containsExactly(
                "namespace 1, mount 2 '/home': fstype 'ext4' (source 'src') holds host content that mountflow cannot "
                        + "recreate, and the mount is not a bind from the root namespace's root filesystem; "
                        + "mark it external with --external mnt[/home]:KEY",
                "namespace 1, mount 3 '/data': fstype 'xfs' (source 'src') holds host content that mountflow cannot "
                        + "recreate, and the mount is not a bind from the root namespace's root filesystem; "
                        + "mark it external with --external mnt[/data]:KEY",
                "namespace 1, mount 4 '/old': fstype 'ext4' (source 'src') holds host content that mountflow cannot "
                        + "recreate, and the mount is not a bind from the root namespace's root filesystem; "
                        + "mark it external with --external mnt[/old]:KEY");
    }

    @Test
    void refusesAMasterOutsideTheDumpedNamespacesUnlessExternal() {
        Mount slave = mount(2, 1, new DeviceId(0, 41), "/", "/run", "tmpfs", 0, 12);
        MountImage image = image(List.of(mount(1, 0, new DeviceId(0, 40), "/", "/", "tmpfs", 0, 0), slave,
                mount(3, 1, new DeviceId(0, 41), "/", "/run2", "tmpfs", 0, 12).withExternalKey("k")), List.of());

        assertThat(new DumpabilityCheck().problems(image)).containsExactly(
                "namespace 1, mount 2 '/run': its master, peer group 12, is outside the dumped namespaces; "
                        + "mark it external with --external mnt[/run]:KEY");
    }

    @Test
    void aMasterThatIsAPeerGroupOfANestedNamespaceIsInside() {
        MountImage image = image(
                List.of(mount(1, 0, new DeviceId(0, 40), "/", "/", "tmpfs", 0, 0),
                        mount(2, 1, new DeviceId(0, 41), "/", "/run", "tmpfs", 0, 5)),
                List.of(mount(3, 0, new DeviceId(0, 40), "/", "/", "tmpfs", 0, 0),
                        mount(4, 3, new DeviceId(0, 41), "/", "/run", "tmpfs", 5, 0)));

        assertThat(new DumpabilityCheck().problems(image)).isEmpty();
    }
}
