package dev.mountflow.bench;

import dev.mountflow.engine.StageIds;
import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.kernel.KernelNamespaces;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.Namespaces;
import dev.mountflow.spi.NativeCall;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.validate.ImageValidator;
import java.util.List;

/**
 * The harness's self-test restorer, not the product's engine: it rebuilds the bench layouts
 * (one namespace, tmpfs and binds of tmpfs, peer groups whose widest member contains the others)
 * with the {@link Kernel} SPI directly, in the stages and the v2 manner the engine will use, so
 * that {@link Bench} can be run and checked before the pipeline runner is plugged in. Anything
 * beyond those layouts is refused with {@link UnsupportedOperationException}.
 *
 * <p>Stages timed: {@code validate}, {@code pre-create-namespaces} (a private namespace thread),
 * {@code populate-tree} (every mount detached and private), {@code assemble} (moved into place,
 * root pivoted in), {@code restore-sharing-groups}, {@code verify} (the namespace's mountinfo
 * against the image). Tearing the namespace down is not timed.
 */
public final class DirectSyscallRestorer implements Restorer {
    /**
     * Classes the namespace thread may first need after pivot_root. From then on that thread sees
     * only the restored tree, so the JVM cannot load a class for it from {@code target/classes} or
     * a jar it has not opened yet: a late first use would fail with NoClassDefFoundError (seen in
     * this module's tests), hiding the real error when it is NativeCallException's own class.
     */
    private static final List<Class<?>> LOADED_BEFORE_PIVOT = List.of(SharingGroups.class, NativeCall.class,
            NativeCallException.class, KernelCall.class, Errno.class, UnsupportedOperationException.class);

    private final Kernel kernel;
    private final Namespaces namespaces;

    public DirectSyscallRestorer(Kernel kernel, Namespaces namespaces) {
        this.kernel = kernel;
        this.namespaces = namespaces;
    }

    /** On libc through JNR, with namespace threads of that kernel. */
    public static DirectSyscallRestorer load() {
        JnrKernel kernel = JnrKernel.load();
        return new DirectSyscallRestorer(kernel, new KernelNamespaces(kernel));
    }

    @Override
    public String name() {
        return "direct-syscall";
    }

    @Override
    public StageTimes restore(MountImage image) throws Exception {
        StageClock clock = new StageClock();
        clock.run(StageIds.VALIDATE, () -> new ImageValidator().validate(image));
        if (image.namespaces().size() != 1) {
            throw new UnsupportedOperationException("the image has " + image.namespaces().size()
                    + " namespaces; the self-test restorer restores exactly one");
        }
        MountNamespace ns = image.namespaces().get(0);
        LOADED_BEFORE_PIVOT.forEach(DirectSyscallRestorer::initialize);
        try (NamespaceExecutor thread = clock.time(StageIds.PRE_CREATE_NAMESPACES, namespaces::newPrivate);
                DetachedTree tree = new DetachedTree(kernel)) {
            clock.run(StageIds.POPULATE_TREE, () -> thread.run(() -> tree.populate(ns)));
            clock.run(StageIds.ASSEMBLE, () -> thread.run(() -> tree.assemble(ns)));
            SharingGroups sharing = new SharingGroups(kernel, tree);
            clock.run(StageIds.RESTORE_SHARING_GROUPS, () -> thread.run(() -> sharing.restore(ns)));
            clock.run(StageIds.VERIFY,
                    () -> MountTableCheck.requireEqual(ns.mounts(), MountTableCheck.read(thread.mountInfoPath())));
        }
        return clock.times();
    }

    private static void initialize(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class " + type.getName() + " vanished", e);
        }
    }
}
