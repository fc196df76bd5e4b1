package dev.mountflow.engine;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.Namespaces;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything a stage may use during one restore: the image, the request, the kernel (the
 * runner's counting/fault-injecting view of it), namespace threads, the rollback stack, and the
 * list of restored namespaces an engine hands to {@code verify} and {@code publish} (reported by
 * the end of {@code assemble} at the latest, so that later stages and plugins find them). Engines
 * also announce each filesystem they create to content plugins ({@link #freshFilesystem}).
 */
public final class RestoreContext {
    /** Wants to know of each filesystem the engine creates; see {@link #freshFilesystem}. */
    @FunctionalInterface
    public interface FreshFilesystemListener {
        void created(Mount first, int rootFd);

        /** Whether it still wants to hear of new filesystems (see {@link #wantsFreshFilesystems}). */
        default boolean listening() {
            return true;
        }
    }

    private final MountImage image;
    private final RestoreRequest request;
    private final Kernel kernel;
    private final Namespaces namespaces;
    private final Rollback rollback = new Rollback();
    private final List<RestoredNamespace> restored = new ArrayList<>();
    private final Consumer<String> log;
    private final List<FreshFilesystemListener> freshFilesystemListeners = new CopyOnWriteArrayList<>();
    private final List<Background> background = new ArrayList<>();

    private final List<Start> toStart = new ArrayList<>();

    private record Background(String what, NamespaceExecutor.Pending<?> work) {
    }

    private record Start(String what, Supplier<NamespaceExecutor.Pending<?>> start) {
    }

    public RestoreContext(MountImage image, RestoreRequest request, Kernel kernel, Namespaces namespaces, Consumer<String> log) {
        this.image = image;
        this.request = request;
        this.kernel = kernel;
        this.namespaces = namespaces;
        this.log = log;
    }

    public MountImage image() {
        return image;
    }

    public RestoreRequest request() {
        return request;
    }

    public Kernel kernel() {
        return kernel;
    }

    public Namespaces namespaces() {
        return namespaces;
    }

    public Rollback rollback() {
        return rollback;
    }

    /** Records that image namespace {@code id} now lives in {@code ns}; once per namespace. */
    public synchronized void restored(RestoredNamespace ns) {
        for (RestoredNamespace r : restored) {
            if (r.imageNamespaceId() == ns.imageNamespaceId()) {
                throw new IllegalStateException("namespace " + ns.imageNamespaceId() + " was restored twice");
            }
        }
        restored.add(ns);
    }

    /** The restored namespaces, in the order the engine reported them. */
    public synchronized List<RestoredNamespace> restored() {
        return Collections.unmodifiableList(new ArrayList<>(restored));
    }

    /**
     * Registers work to run beside the stages that follow: for work that changes nothing a later
     * stage reads, such as closing the restore's fds. {@code start} starts it on one of the
     * stage's namespace threads (a thread made from a namespace thread would live in that
     * namespace) and is called by the runner as the next stage begins, so the work's calls count
     * in the stages they are made in. The runner waits for it before {@code publish} (its time
     * counts there) and before unwinding a failure.
     */
    public synchronized void inBackground(String what, Supplier<NamespaceExecutor.Pending<?>> start) {
        toStart.add(new Start(what, start));
    }

    /** Starts the work {@link #inBackground} registered since the last call; the runner's. */
    public void startBackground() {
        List<Start> starts;
        synchronized (this) {
            starts = new ArrayList<>(toStart);
            toStart.clear();
        }
        for (Start s : starts) {
            NamespaceExecutor.Pending<?> work = s.start().get();
            synchronized (this) {
                background.add(new Background(s.what(), work));
            }
        }
    }

    /**
     * Waits for everything {@link #startBackground} started (work registered but not started is
     * dropped); throws the first failure, named (the others suppressed), once all are done.
     */
    public void awaitBackground() {
        List<Background> started;
        synchronized (this) {
            started = new ArrayList<>(background);
            background.clear();
            toStart.clear();
        }
        RuntimeException failure = null;
        for (Background b : started) {
            try {
                b.work().join();
            } catch (RuntimeException e) {
                IllegalStateException named = new IllegalStateException(b.what() + " failed: " + e.getMessage(), e);
                if (failure == null) {
                    failure = named;
                } else {
                    failure.addSuppressed(named);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Registers a listener for {@link #freshFilesystem}; the runner does it for plugins, before the first stage. */
    public void onFreshFilesystem(FreshFilesystemListener listener) {
        freshFilesystemListeners.add(listener);
    }

    /** Whether anyone listens: an engine may skip opening an fd only to announce a filesystem. */
    public boolean wantsFreshFilesystems() {
        for (FreshFilesystemListener listener : freshFilesystemListeners) {
            if (listener.listening()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Engines call this once for every filesystem they create anew (a new superblock, not a clone
     * of one), right after creating it and before mounting anything on or below it, so before
     * sharing and read-only flags: with an fd on its root through which it can be written,
     * whatever path later covers it. Content plugins fill it here (tmpfs-content writes the
     * dumped files; the engine then finds the mountpoints it needs already there). Called on the
     * thread that created it; a listener's failure is thrown on, failing the stage.
     *
     * @param first the first image mount of the superblock
     * @param rootFd an fd (O_PATH or a mount fd) on the filesystem's root; still the engine's to close
     */
    public void freshFilesystem(Mount first, int rootFd) {
        for (FreshFilesystemListener listener : freshFilesystemListeners) {
            if (listener.listening()) {
                listener.created(first, rootFd);
            }
        }
    }

    public void log(String message) {
        log.accept(message);
    }
}
