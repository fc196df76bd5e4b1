package dev.mountflow.validate;

import static dev.mountflow.testing.ImageBuilder.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.error.InputException;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.RawString;
import dev.mountflow.testing.ImageBuilder;
import org.junit.jupiter.api.Test;

class ImageValidatorTests {
    private final ImageValidator validator = new ImageValidator();

    @Test
    void realisticImageWithPeersSlavesOvermountsAndNestedNamespacesIsValid() {
        MountImage image = image()
                .namespace(1)
                .disk(1, 0, "/").shared(1)
                .mount(2, 1, "/proc", "proc", "0:20")
                .mount(3, 1, "/sys", "sysfs", "0:21")
                .mount(4, 3, "/sys/fs/cgroup", "cgroup2", "0:22")
                .mount(5, 1, "/dev", "devtmpfs", "0:5").shared(2)
                .mount(6, 5, "/dev/pts", "devpts", "0:23").shared(3)
                .tmpfs(7, 5, "/dev/shm")
                .mount(8, 5, "/dev/mqueue", "mqueue", "0:25")
                .tmpfs(9, 1, "/run").shared(4)
                .tmpfs(10, 9, "/run/lock")
                .mount(22, 9, "/run", "tmpfs", "0:33")
                .tmpfs(11, 1, "/tmp").shared(5)
                .tmpfs(12, 11, "/tmp")
                .mount(13, 1, "/home", "ext4", "8:2").shared(6)
                .mount(14, 1, "/srv/data", "ext4", "8:2").root("/data").shared(6)
                .mount(15, 1, "/mnt/slave", "ext4", "8:2").root("/data").master(6)
                .mount(16, 1, "/mnt/shared-slave", "ext4", "8:2").shared(7).master(6)
                .tmpfs(17, 16, "/mnt/shared-slave/x")
                .mount(18, 1, "/var/lib/ext", "ext4", "8:3").master(900).external("data-volume")
                .mount(19, 2, "/proc/sys/fs/binfmt_misc", "binfmt_misc", "0:30")
                .mount(20, 3, "/sys/kernel/debug", "debugfs", "0:31")
                .mount(21, 3, "/sys/kernel/tracing", "tracefs", "0:50")
                .disk(23, 1, "/etc/hostname").root("/var/lib/host/hostname")
                .namespace(2)
                .mount(30, 16, "/", "ext4", "8:2").root("/containers/c1").master(7)
                .mount(31, 30, "/proc", "proc", "0:40")
                .tmpfs(32, 30, "/dev")
                .mount(33, 30, "/data", "ext4", "8:2").root("/data").shared(6)
                .mount(34, 30, "/home", "ext4", "8:2").master(7)
                .mount(35, 30, "/run", "tmpfs", "0:9").shared(4)
                .tmpfs(36, 35, "/run/app")
                .mount(37, 35, "/run", "tmpfs", "0:9").root("/ns2").shared(4)
                .namespace(3)
                .mount(40, 30, "/", "ext4", "8:2").root("/containers/c1/inner").master(7)
                .mount(41, 40, "/proc", "proc", "0:41")
                .mount(42, 40, "/run", "tmpfs", "0:9").root("/inner").shared(4)
                .build();

        assertThat(image.mountCount()).isGreaterThanOrEqualTo(20);
        assertThat(validator.problems(image)).isEmpty();
        assertThatCode(() -> validator.validate(image)).doesNotThrowAnyException();
    }

    @Test
    void imageWithoutNamespaces() {
        assertInvalid(image().build(), """
                image is invalid: 1 problem(s)
                image, namespaces: the image has no namespaces""");
    }

    @Test
    void rootNamespaceNotInImage() {
        assertInvalid(image().namespace(1).disk(1, 0, "/").rootNamespace(7).build(), """
                image is invalid: 1 problem(s)
                image, root_ns_id: namespace 7 is not in the image""");
    }

    @Test
    void duplicateAndNonPositiveNamespaceIds() {
        MountImage image = image()
                .namespace(2).disk(1, 0, "/")
                .namespace(2).disk(2, 0, "/")
                .namespace(0).disk(3, 0, "/")
                .build();

        assertInvalid(image, """
                image is invalid: 2 problem(s)
                namespace 2, ns_id: an earlier namespace of the image has the same id
                namespace 0, ns_id: 0 is not a namespace id (CRIU numbers them from 1)""");
    }

    @Test
    void duplicateMountIdWithinNamespace() {
        MountImage image = image().namespace(1)
                .disk(1, 0, "/")
                .disk(2, 1, "/a")
                .disk(2, 1, "/b")
                .build();

        assertInvalid(image, """
                image is invalid: 1 problem(s)
                namespace 1, mount 2 '/b', mnt_id: the id is already taken by an earlier mount \
                of this namespace, on '/a'""");
    }

    @Test
    void duplicateMountIdAcrossNamespaces() {
        MountImage image = image()
                .namespace(1).disk(1, 0, "/").disk(2, 1, "/a")
                .namespace(2).disk(10, 1, "/").disk(2, 10, "/b")
                .build();

        assertInvalid(image, """
                image is invalid: 1 problem(s)
                namespace 2, mount 2 '/b', mnt_id: the id is already taken by a mount in \
                namespace 1, on '/a'""");
    }

    @Test
    void idsTheKernelNeverGives() {
        MountImage image = image().namespace(1)
                .disk(1, -1, "/")
                .disk(0, 1, "/a")
                .disk(3, 1, "/b").shared(-2).master(-3)
                .build();

        assertInvalid(image, """
                image is invalid: 4 problem(s)
                namespace 1, mount 1 '/', parent_mnt_id: -1 is not a mount id (the kernel's are positive)
                namespace 1, mount 0 '/a', mnt_id: 0 is not a mount id (the kernel's are positive)
                namespace 1, mount 3 '/b', shared_id: -2 is not a peer group id (the kernel's are positive)
                namespace 1, mount 3 '/b', master_id: -3 is not a peer group id (the kernel's are positive)""");
    }

    @Test
    void emptyNamespace() {
        MountImage image = image().namespace(1).disk(1, 0, "/").namespace(2).build();

        assertInvalid(image, """
                image is invalid: 1 problem(s)
                namespace 2, mounts: the namespace has no mounts""");
    }

    @Test
    void namespaceWithoutRoot() {
        MountImage image = image().namespace(1).disk(1, 2, "/").disk(2, 1, "/").build();

        assertInvalid(image, """
                image is invalid: 2 problem(s)
                namespace 1, parent_mnt_id: no root mount: every parent_mnt_id names another mount \
                of this namespace
                namespace 1, mount 1 '/', parent_mnt_id: the parent chain loops: mount 1 '/' \
                -> mount 2 '/' -> mount 1 '/'""");
    }

    @Test
    void secondRoots() {
        MountImage image = image().namespace(1)
                .disk(1, 0, "/")
                .disk(31, 99, "/a/b")
                .disk(32, 32, "/c")
                .tmpfs(33, 31, "/a/b/x")
                .build();

        assertInvalid(image, """
                image is invalid: 2 problem(s)
                namespace 1, mount 31 '/a/b', parent_mnt_id: mount 99 is not in this namespace, \
                which makes it another root besides mount 1 '/'
                namespace 1, mount 32 '/c', parent_mnt_id: the mount is its own parent, which \
                makes it another root besides mount 1 '/'""");
    }

    @Test
    void parentCycleIsReportedOnceAndMountsBelowItAreUnreachable() {
        MountImage image = image().namespace(1)
                .disk(1, 0, "/")
                .disk(5, 7, "/a")
                .disk(6, 5, "/a/b")
                .disk(7, 6, "/a/b/c")
                .disk(8, 7, "/a/b/c/d")
                .disk(9, 1, "/ok")
                .build();

        assertInvalid(image, """
                image is invalid: 3 problem(s)
                namespace 1, mount 5 '/a', parent_mnt_id: the parent chain loops: mount 5 '/a' \
                -> mount 7 '/a/b/c' -> mount 6 '/a/b' -> mount 5 '/a'
                namespace 1, mount 5 '/a', mountpoint: not under the mountpoint of its parent, \
                mount 7 '/a/b/c'
                namespace 1, mount 8 '/a/b/c/d', parent_mnt_id: the mount is not reachable from \
                the namespace's root: its parents lead into the loop through mount 5 '/a'""");
    }

    @Test
    void nonCanonicalPaths() {
        MountImage image = image().namespace(1)
                .disk(1, 0, "/")
                .disk(2, 1, "run")
                .disk(3, 1, "/a//b/")
                .disk(4, 1, "/a/./b/../c")
                .disk(5, 1, "/x").root("sub/")
                .disk(6, 1, RawString.of(new byte[] {'/', 'a', 0, 'b'}))
                .disk(7, 1, "").root("")
                .disk(8, 1, RawString.of(new byte[] {'/', (byte) 0xff, '/'}))
                .build();

        assertInvalid(image, """
                image is invalid: 8 problem(s)
                namespace 1, mount 2 'run', mountpoint: 'run' is not canonical: relative
                namespace 1, mount 3 '/a//b/', mountpoint: '/a//b/' is not canonical: '//', trailing '/'
                namespace 1, mount 4 '/a/./b/../c', mountpoint: '/a/./b/../c' is not canonical: \
                '.' component, '..' component
                namespace 1, mount 5 '/x', root: 'sub/' is not canonical: relative, trailing '/'
                namespace 1, mount 6 '/a\\x00b', mountpoint: '/a\\x00b' is not canonical: NUL byte
                namespace 1, mount 7 '', root: the path is empty
                namespace 1, mount 7 '', mountpoint: the path is empty
                namespace 1, mount 8 '/\\xff/', mountpoint: '/\\xff/' is not canonical: trailing '/'""");
    }

    @Test
    void mountpointNotUnderItsParents() {
        MountImage image = image().namespace(1)
                .disk(1, 0, "/")
                .disk(2, 1, "/a/b")
                .disk(3, 2, "/a/bc")
                .disk(4, 2, "/a/b")
                .disk(5, 4, "/a/b/c")
                .disk(6, 5, "/a")
                .build();

        assertInvalid(image, """
                image is invalid: 2 problem(s)
                namespace 1, mount 3 '/a/bc', mountpoint: not under the mountpoint of its parent, \
                mount 2 '/a/b'
                namespace 1, mount 6 '/a', mountpoint: not under the mountpoint of its parent, \
                mount 5 '/a/b/c'""");
    }

    @Test
    void rootMountNotOnSlash() {
        MountImage image = image().namespace(1).disk(1, 0, "/root").tmpfs(2, 1, "/root/run").build();

        assertInvalid(image, """
                image is invalid: 1 problem(s)
                namespace 1, mount 1 '/root', mountpoint: the namespace's root mount must be on '/'""");
    }

    @Test
    void masterOutsideTheImageNeedsAnExternalKey() {
        MountImage image = image().namespace(1)
                .disk(1, 0, "/")
                .disk(2, 1, "/a").master(900)
                .disk(3, 1, "/b").master(900).external("volume")
                .build();

        assertInvalid(image, """
                image is invalid: 1 problem(s)
                namespace 1, mount 2 '/a', master_id: peer group 900 has no member in the image, \
                and the mount is not external (no ext_key)""");
    }

    @Test
    void peerGroupThatIsItsOwnMaster() {
        MountImage image = image().namespace(1).disk(1, 0, "/").disk(2, 1, "/a").shared(5).master(5).build();

        assertInvalid(image, """
                image is invalid: 1 problem(s)
                namespace 1, mount 2 '/a', master_id: peer group 5 is the mount's own shared_id; \
                a peer group cannot be its own master""");
    }

    @Test
    void masterCyclesAreReportedOnceEach() {
        MountImage image = image().namespace(1)
                .disk(1, 0, "/")
                .disk(2, 1, "/a").shared(3).master(4)
                .disk(3, 1, "/b").shared(4).master(3)
                .disk(4, 1, "/c").shared(4).master(3)
                .disk(5, 1, "/d").shared(10).master(11)
                .disk(6, 1, "/e").shared(11).master(12)
                .disk(7, 1, "/f").shared(12).master(10)
                .build();

        assertInvalid(image, """
                image is invalid: 2 problem(s)
                namespace 1, mount 2 '/a', master_id: the master chain loops: peer group 3 \
                -> peer group 4 -> peer group 3
                namespace 1, mount 5 '/d', master_id: the master chain loops: peer group 10 \
                -> peer group 11 -> peer group 12 -> peer group 10""");
    }

    @Test
    void peersWithDifferentMasters() {
        MountImage image = image().namespace(1)
                .disk(1, 0, "/").shared(1)
                .disk(2, 1, "/a").shared(2)
                .disk(3, 1, "/b").shared(3).master(1)
                .disk(4, 1, "/c").shared(3).master(2)
                .disk(5, 1, "/d").shared(3)
                .build();

        assertInvalid(image, """
                image is invalid: 2 problem(s)
                namespace 1, mount 4 '/c', master_id: 2, but its peer mount 3 '/b' has 1; \
                peers share one master
                namespace 1, mount 5 '/d', master_id: 0, but its peer mount 3 '/b' has 1; \
                peers share one master""");
    }

    @Test
    void peerGroupOnTwoSuperblocks() {
        MountImage image = image()
                .namespace(1).disk(1, 0, "/").shared(1).tmpfs(2, 1, "/run").shared(1)
                .namespace(2).tmpfs(10, 1, "/").shared(1)
                .build();

        assertInvalid(image, """
                image is invalid: 2 problem(s)
                namespace 1, mount 2 '/run', shared_id: peer group 1 is on device 8:1 (mount 1 '/'), \
                this mount on 0:2; propagation stays within one superblock
                namespace 2, mount 10 '/', shared_id: peer group 1 is on device 8:1 (mount 1 '/' in \
                namespace 1), this mount on 0:10; propagation stays within one superblock""");
    }

    @Test
    void masterOnAnotherSuperblock() {
        MountImage image = image().namespace(1).disk(1, 0, "/").shared(1).tmpfs(2, 1, "/run").master(1).build();

        assertInvalid(image, """
                image is invalid: 1 problem(s)
                namespace 1, mount 2 '/run', master_id: master peer group 1 is on device 8:1 \
                (mount 1 '/'), this mount on 0:2; propagation stays within one superblock""");
    }

    @Test
    void pathsBeyondPathMaxAndNameMax() {
        String longPath = "/" + "a".repeat(200) + ("/" + "a".repeat(200)).repeat(20);
        String longName = "/" + "b".repeat(256);
        MountImage image = image().namespace(1)
                .disk(1, 0, "/")
                .disk(2, 1, longPath)
                .disk(3, 1, longName)
                .disk(4, 1, "/r").root(longPath)
                .build();

        assertInvalid(image, """
                image is invalid: 3 problem(s)
                namespace 1, mount 2 '/%1$s'..., mountpoint: 4221 bytes long; the kernel takes \
                paths of at most 4095 (PATH_MAX)
                namespace 1, mount 3 '/%2$s'..., mountpoint: component '%3$s'... is 256 bytes long; \
                the kernel takes names of at most 255 (NAME_MAX)
                namespace 1, mount 4 '/r', root: 4221 bytes long; the kernel takes paths of at most \
                4095 (PATH_MAX)""".formatted("a".repeat(63), "b".repeat(63), "b".repeat(64)));
    }

    @Test
    void sourcesAndOptionsMountCannotTake() {
        MountImage image = image().namespace(1)
                .disk(1, 0, "/")
                .disk(2, 1, "/a").source(RawString.of("s".repeat(4096))).options(RawString.of("o".repeat(4096)))
                .disk(3, 1, "/b").source(RawString.of("dev\0x")).options(RawString.of("size=1\0,mode=7"))
                .build();

        assertInvalid(image, """
                image is invalid: 4 problem(s)
                namespace 1, mount 2 '/a', source: 4096 bytes long; mount(2) takes at most 4095
                namespace 1, mount 2 '/a', options: 4096 bytes long; mount(2) takes at most 4095
                namespace 1, mount 3 '/b', source: 'dev\\x00x' holds a NUL byte, where mount(2) would stop
                namespace 1, mount 3 '/b', options: 'size=1\\x00,mode=7' holds a NUL byte, where \
                mount(2) would stop""");
    }

    @Test
    void moreMountsThanTheKernelAllows() {
        ImageBuilder builder = image().namespace(1).disk(1, 0, "/");
        for (int id = 2; id <= 100_001; id++) {
            builder.disk(id, 1, "/m" + id);
        }

        assertInvalid(builder.build(), """
                image is invalid: 1 problem(s)
                image, mounts: the image holds 100001 mounts, more than the 100000 that fs.mount-max \
                allows by default""");
    }

    @Test
    void unknownAndEmptyFsTypes() {
        MountImage image = image().namespace(1)
                .disk(1, 0, "/")
                .disk(2, 1, "/a").fstype("unknown:42")
                .disk(3, 1, "/b").fstype("")
                .disk(4, 1, "/c").fstype("unknown:x")
                .build();

        assertInvalid(image, """
                image is invalid: 3 problem(s)
                namespace 1, mount 2 '/a', fstype: code 42 is not a filesystem type CRIU knows
                namespace 1, mount 3 '/b', fstype: the filesystem type is empty
                namespace 1, mount 4 '/c', fstype: 'unknown:x' is not a filesystem type CRIU knows""");
    }

    @Test
    void problemsComeImageFirstThenByNamespaceMountAndRule() {
        MountImage image = image()
                .namespace(1)
                .disk(1, 0, "/x")
                .disk(2, 1, "/x/a").fstype("").master(900)
                .namespace(2)
                .rootNamespace(5)
                .build();

        ValidationException thrown = catchValidation(image);

        assertThat(thrown).isInstanceOf(InputException.class).hasMessage("""
                image is invalid: 5 problem(s)
                image, root_ns_id: namespace 5 is not in the image
                namespace 1, mount 1 '/x', mountpoint: the namespace's root mount must be on '/'
                namespace 1, mount 2 '/x/a', fstype: the filesystem type is empty
                namespace 1, mount 2 '/x/a', master_id: peer group 900 has no member in the image, \
                and the mount is not external (no ext_key)
                namespace 2, mounts: the namespace has no mounts""");
        assertThat(thrown.problems()).isEqualTo(validator.problems(image));
        assertThat(thrown.problems().get(2)).isEqualTo(ValidationProblem.ofMount(
                1, 2, RawString.of("/x/a"), "fstype", "the filesystem type is empty"));
    }

    @Test
    void hundredThousandDeepChainIsValid() {
        ImageBuilder builder = image().namespace(1).disk(1, 0, "/");
        for (int id = 2; id <= 100_000; id++) {
            builder.disk(id, id - 1, "/a");
        }

        assertThat(validator.problems(builder.build())).isEmpty();
    }

    @Test
    void hundredThousandFlatMountsAreValid() {
        ImageBuilder builder = image().namespace(1).disk(1, 0, "/");
        for (int id = 2; id <= 100_000; id++) {
            builder.tmpfs(id, 1, "/m" + id);
        }

        assertThat(validator.problems(builder.build())).isEmpty();
    }

    @Test
    void hundredThousandMountLoopIsOneShortLine() {
        ImageBuilder builder = image().namespace(1);
        for (int id = 1; id <= 100_000; id++) {
            builder.disk(id, id == 100_000 ? 1 : id + 1, "/");
        }

        assertInvalid(builder.build(), """
                image is invalid: 2 problem(s)
                namespace 1, parent_mnt_id: no root mount: every parent_mnt_id names another mount \
                of this namespace
                namespace 1, mount 1 '/', parent_mnt_id: the parent chain loops: mount 1 '/' \
                -> mount 2 '/' -> mount 3 '/' -> mount 4 '/' -> mount 5 '/' -> mount 6 '/' \
                -> mount 7 '/' -> mount 8 '/' -> ... (99992 more) -> mount 1 '/'""");
    }

    @Test
    void hundredThousandDeepChainBelowALoopIsReportedWithoutOverflow() {
        ImageBuilder builder = image().namespace(1).disk(1, 0, "/").disk(2, 3, "/").disk(3, 2, "/");
        for (int id = 4; id <= 100_000; id++) {
            builder.disk(id, id - 1, "/");
        }

        assertThat(validator.problems(builder.build())).hasSize(1 + 99_997)
                .element(1).hasToString("namespace 1, mount 4 '/', parent_mnt_id: the mount is not "
                        + "reachable from the namespace's root: its parents lead into the loop through "
                        + "mount 2 '/'");
    }

    private void assertInvalid(MountImage image, String message) {
        assertThat(catchValidation(image)).hasMessage(message);
    }

    private ValidationException catchValidation(MountImage image) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> validator.validate(image));
        assertThat(thrown).isInstanceOf(ValidationException.class);
        return (ValidationException) thrown;
    }
}
