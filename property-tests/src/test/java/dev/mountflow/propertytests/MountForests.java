package dev.mountflow.propertytests;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * The generators behind {@link MountSources#mountForests()} and
 * {@link MountSources#sharingTopologies()}: images that never touch a kernel, shaped as dumps
 * are. A forest is one to three namespaces, each a tree grown mount by mount: a child below any
 * earlier mount at a new name or stacked on its mountpoint, a new superblock or a bind of an
 * earlier one (of any namespace) at some root, deleted sometimes; names and values include the
 * bytes mountinfo escapes and bytes that are not UTF-8. A {@link SharingTopology} then lays
 * peer groups, masters and unbindable marks over it. Every forest is valid
 * ({@code ImageValidatorProperties} holds the generator to that).
 */
final class MountForests {
    static final int MAX_NAMESPACES = 3;
    static final int MAX_MOUNTS_PER_NAMESPACE = 12;

    private static final List<RawString> NAMES = List.of(raw("a"), raw("b"), raw("data"), raw("with space"),
            raw("tab\there"), raw("new\nline"), raw("back\\slash"), raw("hash#"), raw("comma,name"), raw("ü"),
            RawString.of(new byte[] {'x', (byte) 0xff, (byte) 0xfe}), raw("-"));
    private static final List<RawString> ROOTS = List.of(raw("/"), raw("/x"), raw("/x/y"), raw("/with space"),
            raw("/f"), RawString.of(new byte[] {'/', (byte) 0xc3}));
    private static final List<String> FSTYPES = List.of("tmpfs", "tmpfs", "tmpfs", "proc", "sysfs", "ext4",
            "fuse.sshfs", "cgroup2", "overlay", "mqueue");
    private static final List<RawString> SOURCES = List.of(raw("none"), raw("tmpfs"), raw("/dev/sda1"),
            raw("src#hash"), raw("with space"), raw("back\\slash"), RawString.EMPTY);
    private static final List<RawString> OPTIONS = List.of(RawString.EMPTY, raw("size=64k"), raw("mode=755"),
            raw("size=1024k,nr_inodes=100"), raw("uid=0,gid=0"), raw("opt=with space"), raw("x=back\\slash"),
            raw("lowerdir=/a:/b"));
    private static final int[] PER_MOUNT_BITS = {MountFlags.MS_RDONLY, MountFlags.MS_NOSUID, MountFlags.MS_NODEV,
            MountFlags.MS_NOEXEC, MountFlags.MS_NOATIME, MountFlags.MS_NODIRATIME, MountFlags.MS_RELATIME,
            MountFlags.MS_NOSYMFOLLOW};
    private static final int[] SUPERBLOCK_BITS = {MountFlags.MS_RDONLY, MountFlags.MS_SYNCHRONOUS,
            MountFlags.MS_DIRSYNC, MountFlags.MS_LAZYTIME};

    private record Superblock(DeviceId device, String fstype, RawString source, RawString options, int flags) {
    }

    private MountForests() {
    }

    static Gen<MountImage> forests() {
        Gen<MountImage> bare = MountForests::bare;
        return bare.zip(sharingTopologies(), (forest, topology) -> topology.applyTo(forest))
                .describedAs(image -> "\n" + ImageText.render(image));
    }

    static Gen<SharingTopology> sharingTopologies() {
        Gen<List<Integer>> groups = listsOf(Generate.range(0, SharingTopology.SLOTS), 12);
        Gen<List<Integer>> masters = listsOf(Generate.range(0, 3), 12);
        Gen<List<Boolean>> unbindable = listsOf(Generate.range(0, 7).map(n -> n == 7), 12);
        return groups.zip(masters, unbindable, SharingTopology::new);
    }

    private static <T> Gen<List<T>> listsOf(Gen<T> values, int max) {
        Gen<Integer> sizes = Generate.range(0, max);
        return in -> {
            int n = sizes.generate(in);
            List<T> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(values.generate(in));
            }
            return list;
        };
    }

    /**
     * Every namespace and mount slot draws the same numbers whether it is used or not, and
     * "unused" is the value shrinking heads for: so QuickTheories, which shrinks the drawn
     * numbers, drops namespaces and mounts from anywhere without changing what the others drew.
     * Parents and bound superblocks are chosen modulo what exists, so any subset still forms a
     * forest.
     */
    private static MountImage bare(RandomnessSource in) {
        int nextId = draw(in, 1, 5000);
        List<Superblock> superblocks = new ArrayList<>();
        List<MountNamespace> built = new ArrayList<>();
        for (int ns = 0; ns < MAX_NAMESPACES; ns++) {
            boolean present = draw(in, 0, 2) > 0 || ns == 0;
            long pid = draw(in, 0, 99_999);
            long kernelId = draw(in, 0, 1) == 0 ? 0 : 4_026_531_840L + ns;
            boolean ownParent = draw(in, 0, 1) == 1;
            List<Mount> mounts = new ArrayList<>();
            for (int j = 0; j < MAX_MOUNTS_PER_NAMESPACE; j++) {
                // A namespace's first slot is always used: it is the root.
                boolean used = draw(in, 0, 3) > 0 || mounts.isEmpty();
                Mount m = mount(in, nextId, ns, mounts, superblocks, ownParent, present && used);
                if (m != null) {
                    mounts.add(m);
                    nextId++;
                }
            }
            if (present) {
                built.add(new MountNamespace(built.size() + 1, pid, kernelId, mounts));
            }
        }
        return new MountImage(1, "0.1.0-test", built);
    }

    /** One mount slot's draws; null unless {@code used} (a superblock it makes is kept only then). */
    private static Mount mount(RandomnessSource in, int id, int ns, List<Mount> mounts, List<Superblock> superblocks,
                               boolean ownParent, boolean used) {
        int parentIndex = draw(in, 0, MAX_MOUNTS_PER_NAMESPACE - 1);
        boolean stacked = draw(in, 0, 7) == 7;
        RawString name = pick(in, NAMES);
        boolean fresh = draw(in, 0, 1) == 0;
        Superblock made = newSuperblock(in, superblocks.size());
        int boundIndex = draw(in, 0, 63);
        RawString boundRoot = pick(in, ROOTS);
        boolean deletedDraw = draw(in, 0, 9) == 9;
        boolean externalDraw = draw(in, 0, 9) == 9;
        int flags = bits(in, PER_MOUNT_BITS);
        if (!used) {
            return null;
        }
        Mount parent = mounts.isEmpty() ? null : mounts.get(parentIndex % mounts.size());
        // A namespace's root hangs from a mount outside it (an id beyond the image's), or from itself.
        int parentId = parent != null ? parent.id() : ownParent ? id : 1_000_000 + ns;
        RawString mountpoint = parent == null ? RawString.SLASH
                : stacked ? parent.mountpoint() : parent.mountpoint().resolve(name);
        Superblock sb;
        RawString root;
        if (superblocks.isEmpty() || fresh) {
            sb = made;
            superblocks.add(sb);
            root = RawString.SLASH;
        } else {
            sb = superblocks.get(boundIndex % superblocks.size());
            root = boundRoot;
        }
        boolean deleted = !root.equals(RawString.SLASH) && deletedDraw;
        String externalKey = !sb.fstype().equals("tmpfs") && externalDraw ? "key-" + id : null;
        return new Mount(id, parentId, sb.device(), root, mountpoint, sb.fstype(), sb.source(), flags, sb.flags(),
                sb.options(), 0, 0, false, deleted, externalKey);
    }

    private static Superblock newSuperblock(RandomnessSource in, int index) {
        String fstype = pick(in, FSTYPES);
        DeviceId device = fstype.equals("ext4") ? new DeviceId(8, 1 + index) : new DeviceId(0, 30 + index);
        return new Superblock(device, fstype, pick(in, SOURCES), pick(in, OPTIONS), bits(in, SUPERBLOCK_BITS));
    }

    /** A number from {@code min} to {@code max} that shrinks toward {@code min}. */
    private static int draw(RandomnessSource in, int min, int max) {
        return Generate.range(min, max, min).generate(in);
    }

    private static <T> T pick(RandomnessSource in, List<T> values) {
        return values.get(draw(in, 0, values.size() - 1));
    }

    /** A subset of {@code bits}, each in one draw in four; shrinks toward none. */
    private static int bits(RandomnessSource in, int[] bits) {
        int out = 0;
        for (int bit : bits) {
            if (draw(in, 0, 3) == 3) {
                out |= bit;
            }
        }
        return out;
    }

    private static RawString raw(String s) {
        return RawString.of(s);
    }
}
