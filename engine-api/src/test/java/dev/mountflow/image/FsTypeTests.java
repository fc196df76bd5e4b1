package dev.mountflow.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FsTypeTests {
    @Test
    void codesAndNamesAreCriusTable() {
        String table = Arrays.stream(FsType.values())
                .map(t -> t.code() + "=" + t + ":" + t.kernelName().orElse("-"))
                .collect(Collectors.joining(" "));

        assertThat(table).isEqualTo("0=UNSUPPORTED:- 1=PROC:proc 2=SYSFS:sysfs 3=DEVTMPFS:devtmpfs "
                + "4=BINFMT_MISC:binfmt_misc 5=TMPFS:tmpfs 6=DEVPTS:devpts 7=SIMFS:simfs 8=PSTORE:pstore "
                + "9=SECURITYFS:securityfs 10=FUSECTL:fusectl 11=DEBUGFS:debugfs 12=CGROUP:cgroup "
                + "13=AUFS:aufs 14=MQUEUE:mqueue 15=FUSE:fuse 16=AUTO:- 17=OVERLAYFS:overlay "
                + "18=AUTOFS:autofs 19=TRACEFS:tracefs 23=CGROUP2:cgroup2");
    }

    @Test
    void fromCodeKnowsEveryCodeAndNothingElse() {
        for (FsType type : FsType.values()) {
            assertThat(FsType.fromCode(type.code())).contains(type);
        }
        assertThat(FsType.fromCode(20)).isEmpty();
        assertThat(FsType.fromCode(42)).isEmpty();
        assertThat(FsType.fromCode(-1)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is written as code {1} with fsname ''{2}''")
    @CsvSource(nullValues = "null", value = {
            "proc, 1, null",
            "tmpfs, 5, null",
            "fuse, 15, null",
            "overlay, 17, null",
            "cgroup2, 23, null",
            "ext4, 16, ext4",
            "xfs, 16, xfs",
            "fuse.sshfs, 16, fuse.sshfs",
            "bpf, 16, bpf",
            "-, 16, -",
            "overlayfs, 16, overlayfs",
            "unknown:42, 42, null",
            "unknown:0, 0, null",
            "unknown:4294967295, -1, null",
            "unknown:042, 16, unknown:042",
            "unknown:x, 16, unknown:x",
    })
    void writingMapsNamesToCodes(String name, int code, String fsname) {
        assertThat(FsType.codeFor(name)).isEqualTo(code);
        assertThat(FsType.fsnameFor(name)).isEqualTo(Optional.ofNullable(fsname));
    }

    @ParameterizedTest(name = "code {0} with fsname ''{1}'' is read as {2}")
    @CsvSource(nullValues = "null", value = {
            "1, null, proc",
            "5, ext4, tmpfs",
            "23, null, cgroup2",
            "16, ext4, ext4",
            "16, fuse.sshfs, fuse.sshfs",
            "16, null, unknown:16",
            "16, '', unknown:16",
            "0, null, unknown:0",
            "0, ext4, unknown:0",
            "20, null, unknown:20",
            "42, ext4, unknown:42",
            "-1, null, unknown:4294967295",
    })
    void readingMapsCodesToNames(int code, String fsname, String name) {
        assertThat(FsType.nameFor(code, fsname)).isEqualTo(name);
    }

    @Test
    void everyNameReadsBackToTheCodeItCameFrom() {
        for (int code : new int[] {0, 1, 5, 15, 17, 19, 20, 23, 42, -1}) {
            assertThat(FsType.codeFor(FsType.nameFor(code, null))).as("code %d", code).isEqualTo(code);
        }
        assertThat(FsType.codeFor(FsType.nameFor(16, "ext4"))).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0} restores as {1}")
    @CsvSource(nullValues = "null", value = {
            "proc, PROC",
            "cgroup2, CGROUP2",
            "ext4, AUTO",
            "fuse.sshfs, AUTO",
            "unknown:16, null",
            "unknown:0, null",
            "unknown:42, null",
    })
    void typeOfRejectsEveryMarker(String name, FsType type) {
        assertThat(FsType.typeOf(name)).isEqualTo(Optional.ofNullable(type));
    }
}
