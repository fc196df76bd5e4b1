package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.image.ImageDirectory;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.restore.corpus.LayoutProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mountflow diff} between crafted image directories and live layouts built in private namespaces. */
class DiffCommandTests {

    /** Peers, a slave of them and a stack; every mount in the layout's private namespace. */
    static final String LAYOUT = """
            mount -t tmpfs lab /mnt
            mkdir /mnt/a /mnt/b /mnt/c /mnt/s
            mount -t tmpfs data /mnt/a; mount --make-shared /mnt/a
            mount --bind /mnt/a /mnt/b
            mount --bind /mnt/a /mnt/s; mount --make-slave /mnt/s
            mount -t tmpfs c1 /mnt/c; mount -t tmpfs c2 /mnt/c
            echo ready
            exec sleep 600
            """;

    @Test
    void anImageDirectoryHasNoDifferencesFromItself(@TempDir Path dir) throws Exception {
        ImageDirectory.write(dir, crafted(false));

        CommandRun run = CommandRun.of("diff", dir.toString(), dir.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("no differences\n");
    }

    @Test
    void twoDifferentImageDirectoriesPrintEveryDifferenceAndFail(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        ImageDirectory.write(a, crafted(false));
        ImageDirectory.write(b, crafted(true));

        CommandRun run = CommandRun.of("diff", a.toString(), b.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out()).isEqualTo("""
                3 difference(s)
                  namespace 1 '/mnt/sub': superblock differs: expected the same superblock as '/mnt/data', got a new superblock
                  namespace 1 '/mnt/x': unexpected mount (proc 'proc')
                  namespace 2 '/mnt': peer group differs: expected a peer of '/mnt' (namespace 1), got private
                """);
    }

    @Test
    void aLiveProcessHasNoDifferencesFromItsOwnDump(@TempDir Path dir) throws Exception {
        try (LayoutProcess layout = LayoutProcess.startRaw(LAYOUT, 1)) {
            String pid = Long.toString(layout.pid());
            CommandRun dump = CommandRun.of("dump", "--pid", pid, "--tree", "-D", dir.toString());
            assertThat(dump.exitCode()).isZero();

            CommandRun liveFirst = CommandRun.of("diff", pid, dir.toString());
            CommandRun imageFirst = CommandRun.of("diff", dir.toString(), pid);

            assertThat(liveFirst.err()).isEmpty();
            assertThat(liveFirst.out()).isEqualTo("no differences\n");
            assertThat(liveFirst.exitCode()).isZero();
            assertThat(imageFirst.out()).isEqualTo("no differences\n");
            assertThat(imageFirst.exitCode()).isZero();
        }
    }

    @Test
    void aLiveProcessAgainstAnEditedDumpNamesTheEdits(@TempDir Path dir) throws Exception {
        try (LayoutProcess layout = LayoutProcess.startRaw(LAYOUT, 1)) {
            String pid = Long.toString(layout.pid());
            Path dumped = dir.resolve("dumped");
            assertThat(CommandRun.of("dump", "--pid", pid, "-D", dumped.toString()).exitCode()).isZero();
            ImageDirectory.write(dir.resolve("edited"), edited(ImageDirectory.read(dumped)));

            CommandRun run = CommandRun.of("diff", pid, dir.resolve("edited").toString());

            assertThat(run.err()).isEmpty();
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.out()).isEqualTo("""
                    2 difference(s)
                      namespace 1 '/mnt/c'#2: missing (expected tmpfs 'c2')
                      namespace 1 '/mnt/s': master differs: expected the peer group of '/mnt/a' (namespace 1), got none
                    """);
        }
    }

    @Test
    void anArgumentThatIsNeitherADirectoryNorAProcessIsBadInput(@TempDir Path dir) throws Exception {
        ImageDirectory.write(dir.resolve("img"), crafted(false));
        String img = dir.resolve("img").toString();

        CommandRun noDir = CommandRun.of("diff", img, dir.resolve("absent").toString());
        CommandRun noProcess = CommandRun.of("diff", "2147483646", img);
        CommandRun hugePid = CommandRun.of("diff", img, "99999999999999999999");

        assertThat(noDir.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noDir.out()).isEmpty();
        assertThat(noDir.err()).isEqualTo("mountflow: '" + dir.resolve("absent") + "' is not a directory\n");
        assertThat(noProcess.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noProcess.err()).isEqualTo("mountflow: process 2147483646 does not exist\n");
        assertThat(hugePid.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(hugePid.err()).isEqualTo(
                "mountflow: process 99999999999999999999 does not exist: the number is too large\n");
    }

    @Test
    void anImageWhoseMountsCannotFormATreeIsBadInput(@TempDir Path dir) throws Exception {
        ImageDirectory.write(dir.resolve("ok"), crafted(false));
        MountImage cyclic = new MountImage(1, "test", List.of(new MountNamespace(1, 0, 0, List.of(
                mount(1, 0, "/", "ext4", "/dev/sda1", "8:1", 0),
                mount(2, 3, "/a", "tmpfs", "a", "0:2", 0),
                mount(3, 2, "/a/b", "tmpfs", "b", "0:3", 0)))));
        ImageDirectory.write(dir.resolve("cyclic"), cyclic);

        CommandRun run = CommandRun.of("diff", dir.resolve("ok").toString(), dir.resolve("cyclic").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("mountflow: '" + dir.resolve("cyclic")
                + "': namespace 1, mount 2 '/a': not reachable from a root mount, its parents form a cycle\n");
    }

    @Test
    void bothSidesAreRequired() {
        CommandRun run = CommandRun.of("diff", "/tmp");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("""
                mountflow: Missing required parameter: 'B'
                Try 'mountflow diff --help' for more information.
                """);
    }

    /**
     * Two namespaces with peers across them and a bind; with {@code changed}, the bind on a
     * superblock of its own, an extra proc, and the second namespace's {@code /mnt} private.
     */
    private static MountImage crafted(boolean changed) {
        List<Mount> first = new ArrayList<>(List.of(
                mount(1, 0, "/", "ext4", "/dev/sda1", "8:1", 0),
                mount(2, 1, "/mnt", "tmpfs", "lab", "0:20", 5),
                mount(3, 2, "/mnt/data", "tmpfs", "data", "0:21", 0),
                bind(mount(4, 2, "/mnt/sub", "tmpfs", "data", changed ? "0:22" : "0:21", 0), "/sub")));
        if (changed) {
            first.add(mount(5, 2, "/mnt/x", "proc", "proc", "0:23", 0));
        }
        List<Mount> second = List.of(
                mount(10, 1, "/", "ext4", "/dev/sda1", "8:1", 0),
                mount(11, 10, "/mnt", "tmpfs", "lab", "0:20", changed ? 0 : 5));
        return new MountImage(1, "test", List.of(new MountNamespace(1, 0, 0, first), new MountNamespace(2, 0, 0, second)));
    }

    /** The dump with the upper mount of the stack on /mnt/c gone and /mnt/s no longer a slave. */
    private static MountImage edited(MountImage image) {
        MountNamespace ns = image.namespaces().get(0);
        List<Mount> mounts = new ArrayList<>();
        for (Mount m : ns.mounts()) {
            String mountpoint = m.mountpoint().toString();
            if (mountpoint.equals("/mnt/c") && m.source().toString().equals("c2")) {
                continue;
            }
            mounts.add(mountpoint.equals("/mnt/s") ? withoutMaster(m) : m);
        }
        return new MountImage(image.rootNamespaceId(), image.toolVersion(), List.of(ns.withMounts(mounts)));
    }

    private static Mount mount(int id, int parent, String mountpoint, String fstype, String source, String device,
            int shared) {
        return new Mount(id, parent, DeviceId.parse(device), RawString.SLASH, RawString.of(mountpoint), fstype,
                RawString.of(source), 0, 0, RawString.EMPTY, shared, 0, false, false, null);
    }

    private static Mount bind(Mount m, String root) {
        return new Mount(m.id(), m.parentId(), m.device(), RawString.of(root), m.mountpoint(), m.fstype(), m.source(),
                m.flags(), m.superFlags(), m.options(), m.sharedId(), m.masterId(), m.unbindable(), m.deleted(),
                m.externalKey());
    }

    private static Mount withoutMaster(Mount m) {
        return new Mount(m.id(), m.parentId(), m.device(), m.root(), m.mountpoint(), m.fstype(), m.source(),
                m.flags(), m.superFlags(), m.options(), m.sharedId(), 0, m.unbindable(), m.deleted(),
                m.externalKey());
    }
}
