package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.image.ImageDirectory;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import dev.mountflow.restore.corpus.LayoutProcess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mountflow dump} against live layouts built in private namespaces. */
class DumpCommandTests {

    /** 12+ mounts of every kind the foundation issue names, and a nested namespace with peers of them. */
    static final String LAYOUT = """
            mount -t tmpfs lab /mnt
            cd /mnt
            mkdir -p data subbind files peers/a peers/b peers/c slave sslave unb ro nested
            echo content > files/src; touch files/dst
            mount -t tmpfs data /mnt/data; mkdir -p /mnt/data/sub/deep
            mount --bind /mnt/data/sub /mnt/subbind
            mount --bind /mnt/files/src /mnt/files/dst
            mount -t tmpfs grp /mnt/peers/a; mkdir /mnt/peers/a/inner
            mount --make-shared /mnt/peers/a
            mount --bind /mnt/peers/a /mnt/peers/b
            mount --bind /mnt/peers/a/inner /mnt/peers/c
            mount --bind /mnt/peers/a /mnt/slave; mount --make-slave /mnt/slave
            mount --bind /mnt/peers/a /mnt/sslave; mount --make-slave /mnt/sslave; mount --make-shared /mnt/sslave
            mount -t tmpfs unb /mnt/unb; mount --make-unbindable /mnt/unb
            mount --bind /mnt/data /mnt/ro; mount -o remount,bind,ro,nosuid /mnt/ro
            unshare --mount --propagation unchanged -- sh -euc 'mount -t tmpfs inner /mnt/nested; echo ready nested; exec sleep 600' &
            echo ready root
            exec sleep 600
            """;

    @Test
    void dumpTreeHoldsEveryMountOfBothNamespacesAsMountinfoShowsThem(@TempDir Path dir) throws Exception {
        try (LayoutProcess layout = LayoutProcess.startRaw(LAYOUT, 2)) {
            CommandRun run = CommandRun.of("dump", "--pid", Long.toString(layout.pid()), "--tree", "-D", dir.toString());

            assertThat(run.err()).isEmpty();
            assertThat(run.exitCode()).isZero();
            MountImage image = ImageDirectory.read(dir);
            assertThat(image.namespaces()).hasSize(2);
            MountNamespace root = image.namespaces().get(0);
            MountNamespace nested = image.namespaces().get(1);
            assertThat(image.rootNamespaceId()).isEqualTo(root.id());
            assertThat(root.pid()).isEqualTo(layout.pid());
            assertThat(layout.pids()).contains(nested.pid());
            assertThat(nested.kernelId()).isNotEqualTo(root.kernelId());

            for (MountNamespace ns : image.namespaces()) {
                List<MountInfoEntry> live = mountinfo(ns.pid());
                assertThat(ns.mounts()).hasSize(live.size());
                Map<Integer, Mount> byId = ns.mounts().stream().collect(Collectors.toMap(Mount::id, Function.identity()));
                for (MountInfoEntry entry : live) {
                    assertThat(byId.get(entry.mountId())).as("mount %d '%s'", entry.mountId(), entry.mountpoint())
                            .isEqualTo(entry.toMount());
                }
            }

            Map<String, Mount> r = byMountpoint(root);
            assertThat(r).hasSizeGreaterThanOrEqualTo(12);
            int lab = r.get("/mnt").id();
            assertThat(r.get("/mnt").fstype()).isEqualTo("tmpfs");
            assertThat(r.get("/mnt/subbind").root()).isEqualTo(RawString.of("/sub"));
            assertThat(r.get("/mnt/subbind").device()).isEqualTo(r.get("/mnt/data").device());
            assertThat(r.get("/mnt/files/dst").root()).isEqualTo(RawString.of("/files/src"));
            assertThat(r.get("/mnt/files/dst").device()).isEqualTo(r.get("/mnt").device());

            int group = r.get("/mnt/peers/a").sharedId();
            assertThat(group).isPositive();
            assertThat(List.of(r.get("/mnt/peers/a"), r.get("/mnt/peers/b"), r.get("/mnt/peers/c")))
                    .allSatisfy(m -> {
                        assertThat(m.sharedId()).isEqualTo(group);
                        assertThat(m.masterId()).isZero();
                        assertThat(m.parentId()).isEqualTo(lab);
                    })
                    .extracting(m -> m.root().toString()).containsExactly("/", "/", "/inner");
            assertThat(r.get("/mnt/slave").masterId()).isEqualTo(group);
            assertThat(r.get("/mnt/slave").sharedId()).isZero();
            assertThat(r.get("/mnt/sslave").masterId()).isEqualTo(group);
            assertThat(r.get("/mnt/sslave").sharedId()).isPositive().isNotEqualTo(group);
            assertThat(r.get("/mnt/unb").unbindable()).isTrue();
            assertThat(r.get("/mnt/unb").isShared()).isFalse();
            assertThat(r.get("/mnt/ro").flags() & (MountFlags.MS_RDONLY | MountFlags.MS_NOSUID))
                    .isEqualTo(MountFlags.MS_RDONLY | MountFlags.MS_NOSUID);
            assertThat(r.get("/mnt/ro").superFlags() & MountFlags.MS_RDONLY).isZero();
            assertThat(r.get("/mnt/data").isReadOnly()).isFalse();

            Map<String, Mount> n = byMountpoint(nested);
            assertThat(n.get("/mnt/nested").fstype()).isEqualTo("tmpfs");
            assertThat(n.get("/mnt/nested").source()).isEqualTo(RawString.of("inner"));
            assertThat(r).doesNotContainKey("/mnt/nested");
            // Copies made by unshare of shared mounts are peers of the originals, across namespaces.
            assertThat(n.get("/mnt/peers/a").sharedId()).isEqualTo(group);
            assertThat(n.get("/mnt/peers/a").id()).isNotEqualTo(r.get("/mnt/peers/a").id());
            assertThat(n.get("/mnt/slave").masterId()).isEqualTo(group);
        }
    }

    @Test
    void refusesASlaveWhoseMasterIsOutsideTheDumpUnlessItIsExternal(@TempDir Path dir) throws Exception {
        String script = """
                mount -t tmpfs lab /mnt
                mkdir /mnt/shared
                mount -t tmpfs grp /mnt/shared; mount --make-shared /mnt/shared
                unshare --mount --propagation unchanged -- sh -euc 'mount --make-slave /mnt/shared; echo ready nested; exec sleep 600' &
                echo ready root
                exec sleep 600
                """;
        try (LayoutProcess layout = LayoutProcess.startRaw(script, 2)) {
            long child = layout.pids().get(1);
            MountImage both = ImageDirectory.read(dumped(layout.pid(), dir.resolve("both"), "--tree"));
            int group = byMountpoint(both.namespaces().get(0)).get("/mnt/shared").sharedId();
            int slaveId = byMountpoint(both.namespaces().get(1)).get("/mnt/shared").id();

            CommandRun refused = CommandRun.of("dump", "--pid", Long.toString(child), "-D", dir.resolve("alone").toString());

            assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).isEqualTo("""
                    mountflow: refusing to dump: 1 mount(s) could not be restored faithfully
                      namespace 1, mount %d '/mnt/shared': its master, peer group %d, is outside the dumped namespaces; \
                    mark it external with --external mnt[/mnt/shared]:KEY
                    """.formatted(slaveId, group));
            assertThat(dir.resolve("alone")).doesNotExist();

            MountImage external = ImageDirectory.read(dumped(child, dir.resolve("external"), "--external", "mnt[/mnt/shared]:host-shared"));
            Mount slave = byMountpoint(external.namespaces().get(0)).get("/mnt/shared");
            assertThat(slave.externalKey()).isEqualTo("host-shared");
            assertThat(slave.masterId()).isEqualTo(group);
        }
    }

    @Test
    void refusesHostBackedContentOutsideTheRootButKeepsBindsOfTheRootFilesystem(@TempDir Path dir) throws Exception {
        String script = """
                mount -t tmpfs lab /mnt
                mkdir /mnt/lower /mnt/upper /mnt/work /mnt/ov /mnt/usr
                mount -t overlay ov -o lowerdir=/mnt/lower,upperdir=/mnt/upper,workdir=/mnt/work /mnt/ov
                mount --bind /usr /mnt/usr
                echo ready
                exec sleep 600
                """;
        try (LayoutProcess layout = LayoutProcess.startRaw(script, 1)) {
            CommandRun refused = CommandRun.of("dump", "--pid", Long.toString(layout.pid()), "-D", dir.resolve("a").toString());
            int overlayId = byMountpoint(ImageDirectory.read(dumped(layout.pid(), dir.resolve("b"),
                    "--external", "mnt[/mnt/ov]:scratch")).namespaces().get(0)).get("/mnt/ov").id();

            assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(refused.err()).isEqualTo("""
                    mountflow: refusing to dump: 1 mount(s) could not be restored faithfully
                      namespace 1, mount %d '/mnt/ov': fstype 'overlay' (source 'ov') holds host content that \
                    mountflow cannot recreate, and the mount is not a bind from the root namespace's root filesystem; \
                    mark it external with --external mnt[/mnt/ov]:KEY
                    """.formatted(overlayId));
            Map<String, Mount> kept = byMountpoint(ImageDirectory.read(dir.resolve("b")).namespaces().get(0));
            assertThat(kept.get("/mnt/usr").root()).isEqualTo(RawString.of("/usr"));
            assertThat(kept.get("/mnt/usr").device()).isEqualTo(kept.get("/").device());
            assertThat(kept.get("/mnt/ov").externalKey()).isEqualTo("scratch");
        }
    }

    @Test
    void dumpingAProcessThatDoesNotExistIsBadInputOnOneLine(@TempDir Path dir) {
        CommandRun run = CommandRun.of("dump", "--pid", "2147483646", "-D", dir.resolve("img").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("mountflow: process 2147483646 does not exist\n");
        assertThat(dir.resolve("img")).doesNotExist();
    }

    @Test
    void anUnknownExternalMountpointIsBadInput(@TempDir Path dir) {
        long self = ProcessHandle.current().pid();
        CommandRun run = CommandRun.of("dump", "--pid", Long.toString(self), "-D", dir.resolve("img").toString(),
                "--external", "mnt[/no/such/mount]:k");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo(
                "mountflow: plugin 'external-mounts': --external mnt[/no/such/mount]:k: no dumped mount has mountpoint '/no/such/mount'\n");
    }

    private static Path dumped(long pid, Path dir, String... extra) {
        String[] args = new String[5 + extra.length];
        args[0] = "dump";
        args[1] = "--pid";
        args[2] = Long.toString(pid);
        args[3] = "-D";
        args[4] = dir.toString();
        System.arraycopy(extra, 0, args, 5, extra.length);
        CommandRun run = CommandRun.of(args);
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        return dir;
    }

    private static List<MountInfoEntry> mountinfo(long pid) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("/proc/" + pid + "/mountinfo"))) {
            return MountInfoParser.parse(in);
        }
    }

    /** The top mount at each mountpoint (a later, stacked mount wins). */
    private static Map<String, Mount> byMountpoint(MountNamespace ns) {
        return ns.mounts().stream().collect(Collectors.toMap(m -> m.mountpoint().toString(), Function.identity(), (a, b) -> b));
    }
}
