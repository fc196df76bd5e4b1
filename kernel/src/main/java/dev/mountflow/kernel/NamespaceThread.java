package dev.mountflow.kernel;

import static dev.mountflow.model.MountFlags.MS_PRIVATE;
import static dev.mountflow.model.MountFlags.MS_REC;
import static dev.mountflow.spi.CloneFlags.CLONE_FS;
import static dev.mountflow.spi.CloneFlags.CLONE_NEWNS;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.FileStat;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.ThrowingCallable;
import dev.mountflow.spi.ThrowingRunnable;
import dev.mountflow.spi.OpenFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One dedicated platform thread living in its own mount namespace; tasks given to {@link #call}
 * and {@link #run} execute there, one at a time, in submission order.
 *
 * <p>Why a thread: unshare(CLONE_NEWNS) and setns(CLONE_NEWNS) move only the calling thread, and
 * setns is refused (EINVAL) in a multithreaded process unless the thread first left the shared
 * fs_struct with unshare(CLONE_FS). Every path a task resolves, every mount it makes and every
 * {@code /proc/thread-self} it reads is that thread's namespace's. The namespace lives as long as
 * the thread, plus whatever else holds it (an fd on it, a process started from a task, a pin).
 *
 * <p>A thread started from a task is born in this namespace and keeps it, with its mounts, alive
 * after {@link #close}. Tasks must not be the first to use a lazily started shared pool:
 * ForkJoinPool.commonPool, CompletableFuture.*Async, and the JDK's process reaper, which the
 * first ProcessBuilder.start() creates (seen in the tests: it pinned a closed namespace).
 */
public final class NamespaceThread implements NamespaceExecutor {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    private static final RawString PROC_SELF_MNT_NS = RawString.of("/proc/self/ns/mnt");
    private static final Runnable STOP = () -> { };
    private static final long REAP_TIMEOUT_NANOS = 5_000_000_000L;

    private final Kernel kernel;
    /** Whether the namespace is one of ours, cut off from the host's propagation (see nestedSharing). */
    private final boolean isolated;
    private final Thread thread;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> started = new CompletableFuture<>();
    private volatile int osThreadId;
    private boolean closed;

    /** What the new thread does to its namespace before taking tasks. */
    @FunctionalInterface
    private interface Entry {
        void enter(Kernel kernel);
    }

    private NamespaceThread(Kernel kernel, boolean isolated, Entry entry) {
        this.kernel = kernel;
        this.isolated = isolated;
        this.thread = new Thread(() -> serve(entry), "mntns-worker-" + NEXT_ID.incrementAndGet());
        // A forgotten thread must not keep the JVM alive; its namespace dies with the process.
        thread.setDaemon(true);
    }

    /**
     * A thread in a new mount namespace, a copy of the calling thread's, whose every mount was
     * made private before any task runs. Without that step a mount under a shared mount would
     * propagate to its peers in the host and outlive the namespace.
     *
     * @throws NativeCallException if unshare or the propagation change fails (EPERM without
     *     CAP_SYS_ADMIN); no thread is left running then
     */
    public static NamespaceThread newPrivate(Kernel kernel) {
        return start(kernel, true, k -> {
            k.unshare(CLONE_FS | CLONE_NEWNS);
            k.mount(null, RawString.SLASH, null, MS_REC | MS_PRIVATE, null);
        });
    }

    /**
     * A thread inside an existing mount namespace, named by a namespace file
     * ({@code /proc/PID/ns/mnt}, {@code /proc/TID/ns/mnt} or a file it was pinned on). The
     * namespace is not changed, so making it private is its creator's job.
     *
     * @throws IllegalArgumentException for the process's own namespace (the host's, for a
     *     mountflow run from a shell): a thread there could mount where the host sees it
     * @throws NativeCallException if the file cannot be opened or is not a mount namespace
     */
    public static NamespaceThread joining(Kernel kernel, Path nsFile) {
        RawString file = RawString.of(nsFile.toString());
        return start(kernel, false, k -> {
            k.unshare(CLONE_FS);
            int fd = k.open(file, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);
            try (FdScope scope = new FdScope(k)) {
                scope.own(fd);
                refuseOwnNamespace(k, fd, file);
                k.setns(fd, CLONE_NEWNS);
            }
        });
    }

    /**
     * A thread in a new private namespace copied from {@code parent}'s current namespace, for
     * building nested namespaces: the thread is started from inside the parent's thread so it is
     * born in the parent's namespace, then unshares as {@link #newPrivate} does.
     */
    public static NamespaceThread nested(NamespaceThread parent) {
        return parent.call(() -> newPrivate(parent.kernel));
    }

    /**
     * A thread in a new namespace copied from {@code parent}'s, with the copy's propagation left
     * as it is: shared mounts stay peers of the parent's, as {@code unshare --propagation
     * unchanged} leaves them, which is how nested namespaces share peer groups on real systems.
     * Safe only because the parent's namespace is itself one of ours, made private from the host
     * by {@link #newPrivate} (or nested from such), so its peer groups reach no namespace we do
     * not own.
     *
     * @throws IllegalArgumentException for a parent that joined a namespace it did not make
     */
    public static NamespaceThread nestedSharing(NamespaceThread parent) {
        if (!parent.isolated) {
            throw new IllegalArgumentException("refusing to nest a sharing namespace in " + parent
                    + ": it joined a namespace mountflow did not isolate, whose peers may be the host's");
        }
        return parent.call(() -> start(parent.kernel, true, k -> k.unshare(CLONE_FS | CLONE_NEWNS)));
    }

    /**
     * A thread in a new namespace copied from the host's (this process's) with propagation left
     * as it is: its copies of the host's shared mounts are peers of them. The one use is taking
     * detached clones (open_tree) that are peers of host mounts, to hand a host peer group to a
     * restored mount. Never mount anything there: under a shared mount it would reach the host.
     */
    public static NamespaceThread copyOfHost(Kernel kernel) {
        return start(kernel, false, k -> k.unshare(CLONE_FS | CLONE_NEWNS));
    }

    private static NamespaceThread start(Kernel kernel, boolean isolated, Entry entry) {
        NamespaceThread ns = new NamespaceThread(kernel, isolated, entry);
        ns.thread.start();
        try {
            awaitUninterruptibly(ns.started);
        } catch (ExecutionException e) {
            joinUninterruptibly(ns.thread);
            ns.awaitReaped();
            throw rethrow(e.getCause());
        }
        return ns;
    }

    /**
     * Runs {@code task} on this thread and returns its result; whatever it throws is rethrown
     * unchanged. Waits for the task even if the caller is interrupted (and keeps the interrupt),
     * because a caller that gave up could not know what the task did to the namespace. Called
     * from a task of this same thread, it runs the task inline instead of deadlocking.
     *
     * @throws IllegalStateException after {@link #close}
     */
    public <T, E extends Exception> T call(ThrowingCallable<T, E> task) throws E {
        if (Thread.currentThread() == thread) {
            return task.call();
        }
        FutureTask<T> future = new FutureTask<>(task::call);
        submit(future);
        try {
            return awaitUninterruptibly(future);
        } catch (ExecutionException e) {
            throw NamespaceThread.<E>rethrowChecked(e.getCause());
        }
    }

    /** Called from a task of this same thread, it runs the task inline, as {@link #call} does. */
    @Override
    public <T> Pending<T> start(ThrowingCallable<T, RuntimeException> task) {
        if (Thread.currentThread() == thread) {
            T result = task.call();
            return () -> result;
        }
        FutureTask<T> future = new FutureTask<>(task::call);
        submit(future);
        return () -> {
            try {
                return awaitUninterruptibly(future);
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            }
        };
    }

    /** {@link #call} without a result. */
    public <E extends Exception> void run(ThrowingRunnable<E> task) throws E {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** The Linux thread id, so {@code /proc/<tid>/mountinfo} lists this namespace's mounts. */
    public int tid() {
        return started.join();
    }

    /** {@code /proc/<tid>/mountinfo}: this namespace's mount table, readable from any thread. */
    public Path mountInfoPath() {
        return Path.of("/proc", Integer.toString(tid()), "mountinfo");
    }

    /** {@code /proc/<tid>/ns/mnt}: the namespace, for {@link #joining} or pinning. */
    public Path namespacePath() {
        return Path.of("/proc", Integer.toString(tid()), "ns", "mnt");
    }

    public Kernel kernel() {
        return kernel;
    }

    /**
     * Ends the thread once the tasks already submitted have run, and waits (up to 5 s) until the
     * kernel has reaped it, so that, unless something else holds it, the namespace and its mounts
     * are gone when this returns. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            tasks.add(STOP);
        }
        if (Thread.currentThread() != thread) {
            joinUninterruptibly(thread);
            awaitReaped();
        }
    }

    @Override
    public String toString() {
        return thread.getName() + (started.isDone() && !started.isCompletedExceptionally() ? " tid " + tid() : "");
    }

    private synchronized void submit(FutureTask<?> task) {
        if (closed) {
            throw new IllegalStateException(thread.getName() + " is closed");
        }
        tasks.add(task);
    }

    private void serve(Entry entry) {
        try {
            osThreadId = kernel.gettid();
            entry.enter(kernel);
            started.complete(osThreadId);
        } catch (Throwable t) {
            started.completeExceptionally(t);
            return;
        }
        for (Runnable task = take(); task != STOP; task = take()) {
            task.run();
        }
    }

    private Runnable take() {
        while (true) {
            try {
                return tasks.take();
            } catch (InterruptedException e) {
                // Only close() ends this thread: the queue must be drained by STOP, not abandoned.
            }
        }
    }

    /**
     * setns into the namespace this JVM was started in would put mounting tasks where the host
     * sees them. {@code /proc/self} is the thread-group leader, which mountflow never moves.
     */
    private static void refuseOwnNamespace(Kernel k, int fd, RawString file) {
        FileStat target = k.statx(fd, RawString.EMPTY, AtFlags.AT_EMPTY_PATH);
        FileStat own = k.statx(AtFlags.AT_FDCWD, PROC_SELF_MNT_NS, 0);
        if (target.inode() == own.inode() && target.devMajor() == own.devMajor()
                && target.devMinor() == own.devMinor()) {
            throw new IllegalArgumentException("refusing to join '" + file
                    + "': it is this process's own mount namespace, where mounts would be visible to the host");
        }
    }

    /**
     * Thread.join returns when the Java thread is done, slightly before the OS thread exits and
     * drops its namespace reference; the task's /proc entry goes only after that.
     */
    private void awaitReaped() {
        Path task = Path.of("/proc/self/task", Integer.toString(osThreadId));
        long deadline = System.nanoTime() + REAP_TIMEOUT_NANOS;
        boolean interrupted = false;
        while (Files.exists(task) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T awaitUninterruptibly(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(t);
    }

    // The task could only throw E or unchecked throwables, so the cast is what the task declared.
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrowChecked(Throwable t) throws E {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw (E) t;
    }
}
