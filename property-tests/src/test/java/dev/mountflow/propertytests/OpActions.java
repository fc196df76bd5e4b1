package dev.mountflow.propertytests;

import static dev.mountflow.model.MountFlags.MS_BIND;
import static dev.mountflow.model.MountFlags.MS_MOVE;
import static dev.mountflow.model.MountFlags.MS_NODEV;
import static dev.mountflow.model.MountFlags.MS_NOEXEC;
import static dev.mountflow.model.MountFlags.MS_NOSUID;
import static dev.mountflow.model.MountFlags.MS_PRIVATE;
import static dev.mountflow.model.MountFlags.MS_RDONLY;
import static dev.mountflow.model.MountFlags.MS_REC;
import static dev.mountflow.model.MountFlags.MS_REMOUNT;
import static dev.mountflow.model.MountFlags.MS_SHARED;
import static dev.mountflow.model.MountFlags.MS_SLAVE;
import static dev.mountflow.model.MountFlags.MS_UNBINDABLE;

import dev.mountflow.kernel.NamespaceThread;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.UmountFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves one operation's indices against a build's live tables and performs it on the
 * namespace's thread. Each method returns what happened, or null when there is nothing to act on
 * (no candidate mount, a limit reached); a refusal of the kernel comes out as the
 * {@link NativeCallException}, after anything made for the operation (directories, files) was
 * removed again, so a dropped operation leaves the layout as it was.
 */
final class OpActions {
    /**
     * Below a mount: the mount itself, then directories a recipe mounts on; the last holds every
     * byte mountinfo escapes and one that is not UTF-8.
     */
    static final List<RawString> TARGET_SLOTS = List.of(RawString.EMPTY, RawString.of("a"), RawString.of("b"),
            RawString.of("x"), RawString.of("a/b"), RawString.of("sys"),
            RawString.of("s p\\a\tc\ne").concat(RawString.of(new byte[] {(byte) 0xff})));
    /**
     * Below a mount: the mount itself, then directories a recipe binds from ({@code sys} exists
     * in proc, where nothing can be created).
     */
    static final List<String> SOURCE_SLOTS = List.of("", "x", "x/y", "a", "sys");
    /**
     * Other filesystems a recipe makes, each mount a superblock of its own, in which nothing a
     * recipe does reaches the host: proc refuses new entries. Left out: sysfs, whose mounts share
     * the host's superblock (a superblock remount would reach the host's /sys), and mqueue,
     * devpts and cgroup2, where creating an entry creates a host object.
     */
    private static final List<String> FILESYSTEMS = List.of("ramfs", "proc");

    private static final List<TmpfsVariant> TMPFS_VARIANTS = List.of(
            new TmpfsVariant(0, null),
            new TmpfsVariant(MS_NOSUID, "size=1m"),
            new TmpfsVariant(MS_NODEV | MS_NOEXEC, "mode=700"),
            new TmpfsVariant(MS_RDONLY, "nr_inodes=64"));
    private static final List<Propagation> PROPAGATIONS = List.of(
            new Propagation(MS_SHARED, "shared"), new Propagation(MS_SLAVE, "slave"),
            new Propagation(MS_SHARED, "shared"), new Propagation(MS_SLAVE, "slave"),
            new Propagation(MS_PRIVATE, "private"), new Propagation(MS_UNBINDABLE, "unbindable"),
            new Propagation(MS_SHARED | MS_REC, "rshared"), new Propagation(MS_SLAVE | MS_REC, "rslave"));
    private static final List<Remount> REMOUNTS = List.of(
            new Remount(MS_RDONLY, "ro"), new Remount(0, "rw"), new Remount(MS_RDONLY | MS_NOSUID, "ro,nosuid"),
            new Remount(MS_NOSUID | MS_NODEV | MS_NOEXEC, "nosuid,nodev,noexec"),
            new Remount(MountFlags.MS_NOATIME | MountFlags.MS_NODIRATIME, "noatime,nodiratime"),
            new Remount(MountFlags.MS_NOSYMFOLLOW | MS_RDONLY, "ro,nosymfollow"));

    /**
     * What an applied operation did: its command, and where it made a mount (null for none) and
     * which (0 when not known).
     */
    record Effect(String command, RawString target, int mountId, boolean recursive) {
        static Effect of(String command) {
            return new Effect(command, null, 0, false);
        }
    }

    private record TmpfsVariant(int flags, String data) {
        String options() {
            List<String> words = new ArrayList<>();
            if ((flags & MS_RDONLY) != 0) {
                words.add("ro");
            }
            if ((flags & MS_NOSUID) != 0) {
                words.add("nosuid");
            }
            if ((flags & MS_NODEV) != 0) {
                words.add("nodev");
            }
            if ((flags & MS_NOEXEC) != 0) {
                words.add("noexec");
            }
            if (data != null) {
                words.add(data);
            }
            return words.isEmpty() ? "" : " -o " + String.join(",", words);
        }
    }

    private record Propagation(int flags, String word) {
    }

    private record Remount(int flags, String words) {
    }

    /** Where an operation puts something: {@code path}, of which {@code existing} already exists. */
    private record Target(RawString existing, RawString path) {
    }

    private final Kernel k;
    private final RecipeBuild build;

    OpActions(Kernel kernel, RecipeBuild build) {
        this.k = kernel;
        this.build = build;
    }

    Effect tmpfs(int index, Op op, int ns, LiveTable t) {
        Target target = directoryTarget(t, op.c(), op.d());
        if (target == null) {
            return null;
        }
        TmpfsVariant v = TMPFS_VARIANTS.get(op.b() % TMPFS_VARIANTS.size());
        RawString source = RawString.of("t" + index);
        RawString data = v.data() == null ? null : RawString.of(v.data());
        List<RawString> created = new ArrayList<>();
        int id = thread(ns).call(() -> {
            LiveCalls.ensureDirectories(k, target.existing(), target.path(), created);
            return LiveCalls.mountAndIdentify(k, source, target.path(), "tmpfs", v.flags(), data, created, false);
        });
        return new Effect(made(created, false) + "mount -t tmpfs" + v.options() + " " + source + " " + target.path(),
                target.path(), id, false);
    }

    Effect filesystem(int index, Op op, int ns, LiveTable t) {
        Target target = directoryTarget(t, op.c(), op.d());
        if (target == null) {
            return null;
        }
        String type = FILESYSTEMS.get(op.b() % FILESYSTEMS.size());
        RawString source = RawString.of(type + index);
        List<RawString> created = new ArrayList<>();
        int id = thread(ns).call(() -> {
            LiveCalls.ensureDirectories(k, target.existing(), target.path(), created);
            return LiveCalls.mountAndIdentify(k, source, target.path(), type, 0, null, created, false);
        });
        return new Effect(made(created, false) + "mount -t " + type + " " + source + " " + target.path(),
                target.path(), id, false);
    }

    Effect bind(Op op, int ns, LiveTable t, boolean recursive) {
        List<Mount> sources = t.visibleDirectories();
        Target target = directoryTarget(t, op.c(), op.d());
        if (sources.isEmpty() || target == null) {
            return null;
        }
        RawString from = mountpoint(sources.get(op.a() % sources.size()));
        RawString source = join(from, SOURCE_SLOTS.get(op.b() % SOURCE_SLOTS.size()));
        List<RawString> created = new ArrayList<>();
        int id = thread(ns).call(() -> {
            LiveCalls.ensureDirectories(k, from, source, created);
            LiveCalls.ensureDirectories(k, target.existing(), target.path(), created);
            return LiveCalls.mountAndIdentify(k, source, target.path(), null, MS_BIND | (recursive ? MS_REC : 0), null,
                    created, false);
        });
        return new Effect(made(created, false) + "mount --" + (recursive ? "rbind " : "bind ") + source + " "
                + target.path(), target.path(), id, recursive);
    }

    Effect fileBind(Op op, int ns, LiveTable t) {
        List<Mount> visible = t.visible();
        Mount from = visible.get(op.a() % visible.size());
        Mount onto = visible.get(op.c() % visible.size());
        RawString source = LiveTable.isFile(from) ? mountpoint(from) : join(mountpoint(from), op.b() % 2 == 0 ? "f" : "g");
        RawString target = LiveTable.isFile(onto) ? mountpoint(onto) : join(mountpoint(onto), op.d() % 2 == 0 ? "g" : "f");
        List<RawString> created = new ArrayList<>();
        int id = thread(ns).call(() -> {
            LiveCalls.ensureFile(k, source, created);
            LiveCalls.ensureFile(k, target, created);
            return LiveCalls.mountAndIdentify(k, source, target, null, MS_BIND, null, created, true);
        });
        return new Effect(made(created, true) + "mount --bind " + source + " " + target, target, id, false);
    }

    Effect move(Op op, int ns, LiveTable t) {
        List<Mount> movable = t.visibleBelowRoot();
        if (movable.isEmpty()) {
            return null;
        }
        Mount m = movable.get(op.a() % movable.size());
        RawString from = mountpoint(m);
        List<RawString> created = new ArrayList<>();
        RawString to;
        if (LiveTable.isFile(m)) {
            List<Mount> visible = t.visible();
            Mount onto = visible.get(op.c() % visible.size());
            to = LiveTable.isFile(onto) ? mountpoint(onto) : join(mountpoint(onto), op.d() % 2 == 0 ? "g" : "f");
            thread(ns).run(() -> {
                LiveCalls.ensureFile(k, to, created);
                try {
                    k.mount(from, to, null, MS_MOVE, null);
                } catch (NativeCallException e) {
                    LiveCalls.undo(k, created, true);
                    throw e;
                }
            });
            return Effect.of(made(created, true) + "mount --move " + from + " " + to);
        }
        Target target = directoryTarget(t, op.c(), op.d());
        if (target == null) {
            return null;
        }
        to = target.path();
        thread(ns).run(() -> {
            LiveCalls.ensureDirectories(k, target.existing(), to, created);
            try {
                k.mount(from, to, null, MS_MOVE, null);
            } catch (NativeCallException e) {
                LiveCalls.undo(k, created, false);
                throw e;
            }
        });
        return Effect.of(made(created, false) + "mount --move " + from + " " + to);
    }

    Effect propagation(Op op, int ns, LiveTable t) {
        Mount m = pick(t.visible(), op.a());
        Propagation p = PROPAGATIONS.get(op.b() % PROPAGATIONS.size());
        RawString path = mountpoint(m);
        thread(ns).run(() -> k.mount(null, path, null, p.flags(), null));
        return Effect.of("mount --make-" + p.word() + " " + path);
    }

    Effect remount(Op op, int ns, LiveTable t) {
        Mount m = pick(t.visible(), op.a());
        Remount r = REMOUNTS.get(op.b() % REMOUNTS.size());
        RawString path = mountpoint(m);
        thread(ns).run(() -> k.mount(null, path, null, MS_REMOUNT | MS_BIND | r.flags(), null));
        return Effect.of("mount -o remount,bind," + r.words() + " " + path);
    }

    Effect superblockRemount(Op op, int ns, LiveTable t) {
        Mount m = pick(t.visible(), op.a());
        boolean readOnly = op.b() % 2 == 0;
        RawString path = mountpoint(m);
        thread(ns).run(() -> k.mount(null, path, null, MS_REMOUNT | (readOnly ? MS_RDONLY : 0), null));
        return Effect.of("mount -o remount," + (readOnly ? "ro " : "rw ") + path);
    }

    /**
     * Removes the directory or file a bind mount shows from its filesystem, reached through a
     * visible mount of the same superblock whose root contains it; dropped when that path now
     * leads elsewhere (into a mount on it), since then another entry would be removed.
     */
    Effect deleteSource(Op op, int ns, LiveTable t) {
        List<Mount> binds = new ArrayList<>();
        List<Mount> through = new ArrayList<>();
        for (Mount m : t.visible()) {
            if (m.root().equals(RawString.SLASH) || m.deleted()) {
                continue;
            }
            for (Mount n : t.visible()) {
                if (n != m && n.device().equals(m.device()) && !n.deleted() && !LiveTable.isFile(n)
                        && m.root().isPathUnder(n.root()) && !m.root().equals(n.root())) {
                    binds.add(m);
                    through.add(n);
                    break;
                }
            }
        }
        if (binds.isEmpty()) {
            return null;
        }
        int i = op.a() % binds.size();
        Mount bind = binds.get(i);
        Mount container = through.get(i);
        RawString path = mountpoint(container).resolve(bind.root().relativeTo(container.root()));
        boolean file = LiveTable.isFile(bind);
        boolean done = thread(ns).call(() -> {
            if (LiveCalls.mountIdAt(k, path) != container.id()) {
                return false;
            }
            k.unlinkat(AtFlags.AT_FDCWD, path, file ? 0 : AtFlags.AT_REMOVEDIR);
            return true;
        });
        return done ? Effect.of((file ? "rm " : "rmdir ") + path) : null;
    }

    Effect umount(Op op, int ns, LiveTable t) {
        List<Mount> below = t.visibleBelowRoot();
        if (below.isEmpty()) {
            return null;
        }
        RawString path = mountpoint(pick(below, op.a()));
        boolean lazy = op.b() % 2 == 1;
        thread(ns).run(() -> k.umount2(path, lazy ? UmountFlags.MNT_DETACH : 0));
        return Effect.of((lazy ? "umount -l " : "umount ") + path);
    }

    Effect pivot(Op op, int ns, LiveTable t) {
        List<Mount> dirs = t.visibleDirectories().stream().filter(m -> m != t.root()).toList();
        if (dirs.isEmpty()) {
            return null;
        }
        RawString path = mountpoint(pick(dirs, op.a()));
        thread(ns).run(() -> LiveCalls.pivotInto(k, path));
        return Effect.of("pivot_root " + path + " (old root detached)");
    }

    private NamespaceThread thread(int ns) {
        return build.thread(ns);
    }

    /** Mount c's target slot d: the directory a mount operation puts something on. */
    private static Target directoryTarget(LiveTable t, int c, int d) {
        List<Mount> dirs = t.visibleDirectories();
        if (dirs.isEmpty()) {
            return null;
        }
        RawString base = mountpoint(pick(dirs, c));
        return new Target(base, join(base, TARGET_SLOTS.get(d % TARGET_SLOTS.size())));
    }

    private static Mount pick(List<Mount> mounts, int index) {
        return mounts.get(index % mounts.size());
    }

    private static RawString mountpoint(Mount m) {
        return m.mountpoint();
    }

    static RawString join(RawString dir, String sub) {
        return join(dir, RawString.of(sub));
    }

    static RawString join(RawString dir, RawString sub) {
        return sub.isEmpty() ? dir : dir.resolve(sub);
    }

    /** {@code mkdir -p DIR; } or {@code touch FILE; } for what an applied operation created first. */
    private static String made(List<RawString> created, boolean files) {
        if (created.isEmpty()) {
            return "";
        }
        if (files) {
            return "touch " + String.join(" ", created.stream().map(RawString::toString).toList()) + "; ";
        }
        List<String> deepest = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            RawString dir = created.get(i);
            boolean parentOfNext = i + 1 < created.size() && created.get(i + 1).isPathUnder(dir);
            if (!parentOfNext) {
                deepest.add(dir.toString());
            }
        }
        return "mkdir -p " + String.join(" ", deepest) + "; ";
    }
}
