package dev.mountflow.propertytests;

import dev.mountflow.dump.Dumper;
import dev.mountflow.dump.LiveNamespaceReader;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.kernel.NamespaceThread;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCallException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A recipe built for real: its namespaces, each held by a {@link NamespaceThread}, and the
 * operations that took effect. The first namespace is a private copy of the host's, pivoted into
 * an empty tmpfs (so nothing of the host is in it and nothing done in it reaches the host); an
 * {@link Op.Kind#UNSHARE} adds a namespace copied from another one's thread, from inside it, as
 * {@code unshare -m} run in a process of the layout would. Dumping takes the threads as the
 * layout's process tree.
 *
 * <p>An operation is resolved against the live mount tables when applied; one the kernel refuses
 * is dropped, with what it made for itself removed again, so {@link #applied()} is exactly the
 * layout. The build also learns which mounts no operation made directly: copies the kernel
 * propagated into peers and slaves while the layout was built.
 */
final class RecipeBuild implements AutoCloseable {
    static final Kernel KERNEL = JnrKernel.load();
    /** A host directory, covered only in the recipe's private namespace before it pivots away. */
    private static final RawString BASE_DIR = RawString.of("/mnt");
    static final int MAX_NAMESPACES = 4;
    /** Operations that add mounts are dropped beyond this many, so recursive binds of shared trees stay small. */
    static final int MAX_MOUNTS = 120;

    /** One namespace of the layout: its thread, the namespace it was copied from (-1 for none), whether peers were kept. */
    record Namespace(NamespaceThread thread, int parent, boolean sharing) {
    }

    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<AppliedOp> applied = new ArrayList<>();
    private final Map<String, Integer> dropped = new TreeMap<>();
    private final Set<Integer> propagated = new HashSet<>();
    private final OpActions actions = new OpActions(KERNEL, this);
    private List<LiveTable> tables;

    private RecipeBuild() {
    }

    /** Builds {@code recipe}; the caller closes the result, which ends the layout's namespaces. */
    static RecipeBuild of(Recipe recipe) {
        KernelPreload.warmUp(KERNEL);
        RecipeBuild build = new RecipeBuild();
        try {
            build.namespaces.add(new Namespace(baseNamespace(), -1, false));
            for (int i = 0; i < recipe.ops().size(); i++) {
                build.apply(i, recipe.ops().get(i));
            }
            return build;
        } catch (RuntimeException | Error e) {
            build.close();
            throw e;
        }
    }

    private static NamespaceThread baseNamespace() {
        NamespaceThread thread = NamespaceThread.newPrivate(KERNEL);
        try {
            thread.run(() -> {
                KERNEL.mount(RawString.of("base"), BASE_DIR, "tmpfs", 0, RawString.of("mode=755"));
                LiveCalls.pivotInto(KERNEL, BASE_DIR);
            });
            return thread;
        } catch (RuntimeException e) {
            thread.close();
            throw e;
        }
    }

    private void apply(int index, Op op) {
        if (op.kind() == Op.Kind.SKIP) {
            return;
        }
        int ns = op.ns() % namespaces.size();
        List<LiveTable> before = tables();
        if (addsMounts(op.kind()) && mountCount(before) >= MAX_MOUNTS) {
            drop(op, "mount budget");
            return;
        }
        OpActions.Effect effect;
        try {
            effect = perform(index, op, ns, before.get(ns));
        } catch (NativeCallException e) {
            drop(op, e.errnoName());
            return;
        }
        if (effect == null) {
            drop(op, "nothing to act on");
            return;
        }
        int appliedIn = op.kind() == Op.Kind.UNSHARE ? namespaces.size() - 1 : ns;
        applied.add(new AppliedOp(index, op, appliedIn, effect.command()));
        tables = null;
        learnPropagation(before, tables(), op, appliedIn, effect);
    }

    private OpActions.Effect perform(int index, Op op, int ns, LiveTable table) {
        return switch (op.kind()) {
            case SKIP -> null;
            case TMPFS -> actions.tmpfs(index, op, ns, table);
            case FILESYSTEM -> actions.filesystem(index, op, ns, table);
            case BIND -> actions.bind(op, ns, table, false);
            case RBIND -> actions.bind(op, ns, table, true);
            case FILE_BIND -> actions.fileBind(op, ns, table);
            case MOVE -> actions.move(op, ns, table);
            case PROPAGATION -> actions.propagation(op, ns, table);
            case REMOUNT -> actions.remount(op, ns, table);
            case SUPERBLOCK_REMOUNT -> actions.superblockRemount(op, ns, table);
            case DELETE_SOURCE -> actions.deleteSource(op, ns, table);
            case UMOUNT -> actions.umount(op, ns, table);
            case UNSHARE -> unshare(op, ns);
            case PIVOT -> actions.pivot(op, ns, table);
        };
    }

    private OpActions.Effect unshare(Op op, int parent) {
        if (namespaces.size() >= MAX_NAMESPACES) {
            return null;
        }
        boolean sharing = op.b() % 3 != 2;
        NamespaceThread from = namespaces.get(parent).thread();
        NamespaceThread thread = sharing ? NamespaceThread.nestedSharing(from) : NamespaceThread.nested(from);
        namespaces.add(new Namespace(thread, parent, sharing));
        return OpActions.Effect.of("unshare --mount --propagation " + (sharing ? "unchanged" : "private")
                + " (from ns " + parent + ")");
    }

    /**
     * Mounts new after an operation that it did not make itself are copies the kernel propagated:
     * all but the mount an operation made on its target (and, for a recursive bind, that mount's
     * new descendants), and all but the copies a new namespace starts with.
     */
    private void learnPropagation(List<LiveTable> before, List<LiveTable> after, Op op, int ns, OpActions.Effect effect) {
        Set<Integer> old = new HashSet<>();
        before.forEach(t -> old.addAll(t.ids()));
        Set<Integer> now = new HashSet<>();
        after.forEach(t -> now.addAll(t.ids()));
        propagated.retainAll(now);
        if (op.kind() == Op.Kind.UNSHARE) {
            return;
        }
        Set<Integer> direct = new HashSet<>();
        int made = effect.mountId() > 0 ? effect.mountId() : stackedOnRoot(after.get(ns), old, effect.target());
        if (made > 0 && !old.contains(made)) {
            direct.add(made);
            if (effect.recursive()) {
                LiveTable table = after.get(ns);
                boolean grew = true;
                while (grew) {
                    grew = false;
                    for (var m : table.mounts()) {
                        if (!old.contains(m.id()) && direct.contains(m.parentId()) && direct.add(m.id())) {
                            grew = true;
                        }
                    }
                }
            }
        }
        for (int id : now) {
            if (!old.contains(id) && !direct.contains(id)) {
                propagated.add(id);
            }
        }
    }

    /**
     * The mount an operation stacked on {@code /}, which no lookup reaches: the new mount there
     * whose parent is not new (copies propagated into peers hang from new mounts or sit elsewhere).
     */
    private static int stackedOnRoot(LiveTable table, Set<Integer> old, RawString target) {
        if (target == null || !target.equals(RawString.SLASH)) {
            return 0;
        }
        for (var m : table.mounts()) {
            if (!old.contains(m.id()) && m.mountpoint().equals(RawString.SLASH) && old.contains(m.parentId())) {
                return m.id();
            }
        }
        return 0;
    }

    private static boolean addsMounts(Op.Kind kind) {
        return switch (kind) {
            case TMPFS, FILESYSTEM, BIND, RBIND, FILE_BIND, MOVE, UNSHARE -> true;
            default -> false;
        };
    }

    private static int mountCount(List<LiveTable> tables) {
        return tables.stream().mapToInt(t -> t.mounts().size()).sum();
    }

    private void drop(Op op, String why) {
        dropped.merge(op.kind() + " " + why, 1, Integer::sum);
    }

    /** The live tables, one per namespace, read again after every applied operation. */
    List<LiveTable> tables() {
        if (tables == null) {
            List<LiveTable> read = new ArrayList<>();
            for (Namespace ns : namespaces) {
                read.add(LiveTable.read(ns.thread().mountInfoPath()));
            }
            tables = read;
        }
        return tables;
    }

    NamespaceThread thread(int ns) {
        return namespaces.get(ns).thread();
    }

    List<Namespace> namespaces() {
        return namespaces;
    }

    List<AppliedOp> applied() {
        return applied;
    }

    /** Dropped operations by kind and reason ({@code BIND EINVAL}, {@code UMOUNT nothing to act on}). */
    Map<String, Integer> dropped() {
        return dropped;
    }

    /** Ids of the mounts that exist now and that no operation made directly. */
    Set<Integer> propagated() {
        return propagated;
    }

    /** Dumps the layout as {@code mountflow dump --tree} would: its namespaces' threads are its process tree. */
    MountImage dump() {
        List<Long> tids = namespaces.stream().map(ns -> (long) ns.thread().tid()).toList();
        Dumper dumper = new Dumper(new LiveNamespaceReader(), "property-tests");
        return dumper.check(dumper.toImage(new LiveNamespaceReader().readEach(tids)));
    }

    /** The applied operations as commands, one per line, for failure messages. */
    String commands() {
        StringBuilder out = new StringBuilder();
        for (AppliedOp op : applied) {
            out.append("  ").append(op.line()).append('\n');
        }
        return out.toString();
    }

    /** The recipe of the applied operations only: it builds the same layout. */
    Recipe minimal() {
        return new Recipe(applied.stream().map(AppliedOp::op).toList());
    }

    /** Ends every namespace thread, nested ones first. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                namespaces.get(i).thread().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
