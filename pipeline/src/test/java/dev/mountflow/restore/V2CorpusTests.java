package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.dump.DumpRequest;
import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.engine.StageIds;
import dev.mountflow.enginev2.V2Engine;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The v2 corpus: each layout is built for real by a shell script in a private namespace
 * (pivoted into a tmpfs so the image names no host filesystem), dumped, restored with the v2
 * engine, and the restored namespaces' {@code /proc/<tid>/mountinfo} compared with the image.
 * After each test the host's mount table and {@code /tmp} are as they were.
 */
class V2CorpusTests {
    private List<String> hostMounts;
    private List<String> hostTmp;

    @BeforeAll
    static void startTheProcessReaperFromTheMainThread() throws Exception {
        // The JDK's reaper thread is created by the first process start; born in a namespace
        // thread's task it would pin that namespace.
        new ProcessBuilder("true").start().waitFor();
    }

    @BeforeEach
    void recordHost() throws IOException {
        hostMounts = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        hostTmp = list(Path.of("/tmp"));
    }

    @AfterEach
    void hostIsUnchanged() throws IOException {
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).containsExactlyElementsOf(hostMounts);
        assertThat(list(Path.of("/tmp"))).as("entries new in /tmp").isSubsetOf(hostTmp);
    }

    @Test
    void flatSetOfTmpfs() throws Exception {
        restores("""
                cd /mnt/root; mkdir a b c
                mount -t tmpfs -o size=1m,mode=755 a /mnt/root/a
                mount -t tmpfs -o nosuid,nodev,nr_inodes=100 b /mnt/root/b
                mount -t tmpfs -o noexec,noatime c /mnt/root/c
                """);
    }

    @Test
    void bindOfASubdirectory() throws Exception {
        restores("""
                mkdir /mnt/root/data /mnt/root/sub
                mount -t tmpfs data /mnt/root/data; mkdir -p /mnt/root/data/sub/deep
                mount --bind /mnt/root/data/sub/deep /mnt/root/sub
                """);
    }

    @Test
    void fileBindMount() throws Exception {
        restores("""
                mkdir /mnt/root/files; touch /mnt/root/dst
                mount -t tmpfs files /mnt/root/files; echo x > /mnt/root/files/src
                mount --bind /mnt/root/files/src /mnt/root/dst
                """);
    }

    @Test
    void chainOfNestedMounts() throws Exception {
        restores("""
                mkdir /mnt/root/a; mount -t tmpfs a /mnt/root/a
                mkdir /mnt/root/a/b; mount -t tmpfs b /mnt/root/a/b
                mkdir /mnt/root/a/b/c; mount -t tmpfs c /mnt/root/a/b/c
                mkdir /mnt/root/a/b/c/d; mount -t tmpfs d /mnt/root/a/b/c/d
                """);
    }

    @Test
    void siblingOvermountAndStackedMounts() throws Exception {
        restores("""
                mkdir -p /mnt/root/x/y /mnt/root/s
                mount -t tmpfs hidden /mnt/root/x/y
                mount -t tmpfs over /mnt/root/x
                mount -t tmpfs s1 /mnt/root/s
                mount -t tmpfs s2 /mnt/root/s
                mount -t tmpfs s3 /mnt/root/s
                """);
    }

    @Test
    void coveredMountsKeepTheirPeerGroupsReadOnlyAndUnbindableMarks() throws Exception {
        restores("""
                mkdir -p /mnt/root/x/y /mnt/root/s /mnt/root/p
                mount -t tmpfs hidden /mnt/root/x/y; mount --make-shared /mnt/root/x/y
                mount --bind /mnt/root/x/y /mnt/root/p
                mount -o remount,bind,ro /mnt/root/x/y
                mount -t tmpfs over /mnt/root/x
                mount -t tmpfs s1 /mnt/root/s; mount --make-shared /mnt/root/s
                mount -t tmpfs s2 /mnt/root/s; mount --make-unbindable /mnt/root/s
                mount -t tmpfs s3 /mnt/root/s; mount -o remount,bind,ro /mnt/root/s
                """);
    }

    @Test
    void sharedPeerGroupWhoseMembersHaveDifferentRoots() throws Exception {
        restores("""
                mkdir -p /mnt/root/a /mnt/root/b /mnt/root/c
                mount -t tmpfs grp /mnt/root/a; mkdir -p /mnt/root/a/inner/deeper
                mount --make-shared /mnt/root/a
                mount --bind /mnt/root/a/inner /mnt/root/b
                mount --bind /mnt/root/a/inner/deeper /mnt/root/c
                """);
    }

    @Test
    void peerGroupWithoutAMemberWideEnoughNeedsAHelper() throws Exception {
        restores("""
                mkdir -p /mnt/tmp0 /mnt/root/px /mnt/root/py
                mount -t tmpfs grp /mnt/tmp0; mkdir /mnt/tmp0/x /mnt/tmp0/y
                mount --make-shared /mnt/tmp0
                mount --bind /mnt/tmp0/x /mnt/root/px
                mount --bind /mnt/tmp0/y /mnt/root/py
                umount /mnt/tmp0
                """);
    }

    @Test
    void slaveGroupAndItsMasterBothNeedHelpers() throws Exception {
        // Left: master group {/m root /x}, slave group {/sx root /x, /sy root /y}. MOVE_MOUNT_SET_GROUP
        // needs a source root containing the target's, so both groups are built on helper clones.
        restores("""
                mkdir -p /mnt/tmp0 /mnt/root/m /mnt/root/sx /mnt/root/sy /mnt/big
                mount -t tmpfs grp /mnt/tmp0; mkdir /mnt/tmp0/x /mnt/tmp0/y
                mount --make-shared /mnt/tmp0
                mount --bind /mnt/tmp0/x /mnt/root/m
                mount --bind /mnt/tmp0 /mnt/big; mount --make-slave /mnt/big; mount --make-shared /mnt/big
                mount --bind /mnt/big/x /mnt/root/sx
                mount --bind /mnt/big/y /mnt/root/sy
                umount /mnt/big; umount /mnt/tmp0
                """);
    }

    @Test
    void slave() throws Exception {
        restores("""
                mkdir /mnt/root/m /mnt/root/s
                mount -t tmpfs m /mnt/root/m; mount --make-shared /mnt/root/m
                mount --bind /mnt/root/m /mnt/root/s; mount --make-slave /mnt/root/s
                """);
    }

    @Test
    void sharedAndSlave() throws Exception {
        restores("""
                mkdir /mnt/root/m /mnt/root/s /mnt/root/s2
                mount -t tmpfs m /mnt/root/m; mount --make-shared /mnt/root/m; mkdir /mnt/root/m/d
                mount --bind /mnt/root/m /mnt/root/s; mount --make-slave /mnt/root/s; mount --make-shared /mnt/root/s
                mount --bind /mnt/root/s/d /mnt/root/s2
                """);
    }

    @Test
    void slaveOfASlave() throws Exception {
        restores("""
                mkdir /mnt/root/m /mnt/root/s1 /mnt/root/s2
                mount -t tmpfs m /mnt/root/m; mount --make-shared /mnt/root/m
                mount --bind /mnt/root/m /mnt/root/s1; mount --make-slave /mnt/root/s1; mount --make-shared /mnt/root/s1
                mount --bind /mnt/root/s1 /mnt/root/s2; mount --make-slave /mnt/root/s2
                """);
    }

    @Test
    void privateMountUnderASharedParent() throws Exception {
        restores("""
                mkdir /mnt/root/sh
                mount -t tmpfs sh /mnt/root/sh; mount --make-shared /mnt/root/sh; mkdir /mnt/root/sh/p
                mount -t tmpfs p /mnt/root/sh/p; mount --make-private /mnt/root/sh/p
                """);
    }

    @Test
    void unbindableMountWithABindMadeBefore() throws Exception {
        restores("""
                mkdir /mnt/root/u /mnt/root/ub
                mount -t tmpfs u /mnt/root/u
                mount --bind /mnt/root/u /mnt/root/ub
                mount --make-unbindable /mnt/root/u
                """);
    }

    @Test
    void readOnlyBindOfAReadWriteMount() throws Exception {
        restores("""
                mkdir /mnt/root/rw /mnt/root/ro
                mount -t tmpfs rw /mnt/root/rw
                mount --bind /mnt/root/rw /mnt/root/ro; mount -o remount,bind,ro,nosuid /mnt/root/ro
                """);
    }

    @Test
    void readOnlySuperblock() throws Exception {
        restores("""
                mkdir /mnt/root/rosb /mnt/root/rwview
                mount -t tmpfs rosb /mnt/root/rosb; mkdir /mnt/root/rosb/d
                mount -t tmpfs inner /mnt/root/rosb/d
                mount -o remount,ro /mnt/root/rosb
                mount --bind /mnt/root/rosb /mnt/root/rwview; mount -o remount,bind,rw /mnt/root/rwview
                """);
    }

    @Test
    void deletedBindSource() throws Exception {
        restores("""
                mkdir /mnt/root/d /mnt/root/g
                mount -t tmpfs d /mnt/root/d; mkdir /mnt/root/d/gone
                mount --bind /mnt/root/d/gone /mnt/root/g
                rmdir /mnt/root/d/gone
                """);
    }

    @Test
    void pathsWithSpacesTabsNewlinesAndBackslashes() throws Exception {
        restores("""
                cd /mnt/root
                for name in "with space" "$(printf 'tab\\there')" "$(printf 'new\\nline')" 'back\\\\slash'; do
                  mkdir "$name"; mount -t tmpfs "src $name" "/mnt/root/$name"
                done
                """);
    }

    @Test
    void twoNamespacesWhoseMountsArePeersAcrossThem() throws Exception {
        restores(2, """
                mkdir /mnt/root/shared /mnt/root/own
                mount -t tmpfs shared /mnt/root/shared; mount --make-shared /mnt/root/shared
                mkdir /mnt/root/shared/sub
                """ + nested("""
                mount -t tmpfs from-nested /mnt/root/shared/sub
                mount -t tmpfs own /mnt/root/own
                """, "/mnt/root") + """
                while [ ! -e /mnt/nested-up ]; do sleep 0.05; done
                """);
    }

    @Test
    void rootMountsThatArePeersAcrossNamespaces() throws Exception {
        // pivot_root refuses a shared new root, so the root is shared after the pivot and the
        // nested namespace made from there, with the host's tools run through its dynamic loader
        // from the old root until both namespaces detach it. (dash opens /dev/null as a background
        // job's stdin, so the new root gets one.)
        MountImage image = restores(2, RestoreRequest.empty(), """
                mkdir /mnt/root/late /mnt/root/dev; mknod -m 666 /mnt/root/dev/null c 1 3
                cd /mnt/root; pivot_root . .old
                LD="/.old/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path /.old/usr/lib/x86_64-linux-gnu"
                $LD /.old/usr/bin/mount --make-shared /
                $LD /.old/usr/bin/unshare --mount --propagation unchanged -- $LD /.old/usr/bin/dash -euc '
                  LD="/.old/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path /.old/usr/lib/x86_64-linux-gnu"
                  $LD /.old/usr/bin/mount -t tmpfs late /late
                  $LD /.old/usr/bin/umount -n -l /.old || true
                  : > /nested-up
                  echo ready nested; read x <&3 || true' &
                i=0; while [ ! -e /nested-up ]; do i=$((i + 1)); [ $i -lt 2000000 ]; done
                $LD /.old/usr/bin/umount -n -l /.old || true
                echo ready root; read x <&3 || true
                """);
        int rootGroup = image.namespaces().get(0).mounts().get(0).sharedId();
        assertThat(rootGroup).isNotZero();
        assertThat(image.namespaces()).allSatisfy(ns -> assertThat(ns.mounts()).filteredOn(m -> m.isShared())
                .extracting(Mount::sharedId).contains(rootGroup).hasSize(2));
    }

    @Test
    void nestedNamespaceWithADifferentRoot() throws Exception {
        restores(2, """
                mkdir /mnt/nroot /mnt/root/outer
                mount -t tmpfs outer /mnt/root/outer
                """ + nested("""
                mount -t tmpfs nroot /mnt/nroot
                mkdir /mnt/nroot/.old /mnt/nroot/x; ln -s /.old/proc /mnt/nroot/proc
                mount -t tmpfs x /mnt/nroot/x
                """, "/mnt/nroot") + """
                while [ ! -e /mnt/nested-up ]; do sleep 0.05; done
                """);
    }

    @Test
    void hostBackedRootFromRootContent() throws Exception {
        // The root is a non-recursive bind of the host's root (ext4), pivoted into through its
        // existing empty /old_root; its tmpfs children sit on existing empty directories, so the
        // restore needs --root / and only reads it.
        MountImage image = restores(1, new RestoreRequest(Path.of("/"), Map.of(), false), """
                mkdir /mnt/hroot
                mount --bind / /mnt/hroot
                mount -t tmpfs -o size=1m srv /mnt/hroot/srv
                mount -t tmpfs -o ro media /mnt/hroot/media
                cd /mnt/hroot; pivot_root . old_root
                mount -t proc proc /proc; umount -l /old_root; umount /proc
                echo ready root; read x <&3 || true
                """);
        assertThat(image.namespaces().get(0).mounts().get(0).fstype()).isEqualTo("ext4");
    }

    /** A nested namespace, copied with propagation unchanged, that builds {@code body} and pivots into {@code root}. */
    private static String nested(String body, String root) {
        return "unshare --mount --propagation unchanged -- sh -euc '" + LayoutProcess.PIVOT + body
                + "touch /mnt/nested-up\n" + LayoutProcess.pivotAndWait(root, "nested") + "' &\n";
    }

    private static MountImage restores(String script) throws Exception {
        return restores(1, script);
    }

    /** Builds a layout that ends pivoted into {@code /mnt/root}, dumps, restores and compares. */
    static MountImage restores(int namespaces, String script) throws Exception {
        return restores(namespaces, RestoreRequest.empty(), script + LayoutProcess.pivotAndWait("/mnt/root", "root"));
    }

    /** Builds, dumps, restores and compares; returns the image for further assertions. */
    static MountImage restores(int namespaces, RestoreRequest request, String script) throws Exception {
        try (LayoutProcess layout = LayoutProcess.start(script, namespaces)) {
            MountImage image = new Dumper(new LiveNamespaceReader(), "test")
                    .capture(new DumpRequest(layout.pid(), namespaces > 1, List.of()));
            assertThat(image.namespaces()).hasSize(namespaces);
            try (StageHarness restore = StageHarness.restore(new V2Engine(), image, request)) {
                assertThat(TreeComparison.differences(image, restoredTables(restore)))
                        .as("differences; restored tables:%n%s", restoredText(restore)).isEmpty();
            }
            // And through the real runner, whose verify stage uses the canonical comparator.
            try (RestoreResult result = new PipelineRunner(StageHarness.KERNEL, new CanonicalVerifier(), line -> { })
                    .run(new V2Engine(), new RestoreJob(image, null, request, Publication.release(), null))) {
                assertThat(result.namespaces()).hasSize(namespaces);
                assertThat(result.report().outcome()).isEqualTo(RestoreReport.OK);
                assertThat(result.report().stages()).extracting(RestoreReport.StageReport::id)
                        .containsExactlyElementsOf(StageIds.ALL);
            }
            return image;
        }
    }

    static Map<Integer, List<Mount>> restoredTables(StageHarness restore) throws IOException {
        Map<Integer, List<Mount>> out = new HashMap<>();
        for (RestoredNamespace ns : restore.context().restored()) {
            List<Mount> mounts = new ArrayList<>();
            try (InputStream in = Files.newInputStream(ns.thread().mountInfoPath())) {
                for (MountInfoEntry e : MountInfoParser.parse(in)) {
                    mounts.add(e.toMount());
                }
            }
            out.put(ns.imageNamespaceId(), mounts);
        }
        return out;
    }

    private static String restoredText(StageHarness restore) throws IOException {
        StringBuilder out = new StringBuilder();
        for (RestoredNamespace ns : restore.context().restored()) {
            out.append("namespace ").append(ns.imageNamespaceId()).append(":\n")
                    .append(Files.readString(ns.thread().mountInfoPath()));
        }
        return out.toString();
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            // Build tools' scratch entries come and go with any concurrent build on the machine.
            return s.map(Path::toString).filter(name -> !name.matches("/tmp/(surefire|junit|bash_tool|tmp\\.).*"))
                    .sorted().toList();
        }
    }
}
