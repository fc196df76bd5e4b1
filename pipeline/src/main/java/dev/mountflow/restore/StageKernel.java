package dev.mountflow.restore;

import dev.mountflow.engine.StageIds;
import dev.mountflow.kernel.ForwardingKernel;
import dev.mountflow.plugin.KernelCallHook;
import dev.mountflow.plugin.KernelCallHook.KernelCallEvent;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NativeCall;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kernel every stage of one restore sees: counts each call into the stage that is running,
 * and shows it with its outcome to plugins that observe calls. One instance for the whole restore,
 * because namespace threads made in one stage keep the kernel they were given and go on calling it
 * in later stages.
 */
final class StageKernel extends ForwardingKernel {
    /**
     * The stage calls are made in and its counter, swapped as one, so a call is counted and shown
     * to observers in the same stage even when it is made beside a stage change (work a stage left
     * running in the background). What runs before the first stage belongs to validate.
     */
    private record Current(String stage, StageCalls calls) {
    }

    private volatile Current current = new Current(StageIds.VALIDATE, new StageCalls());
    private final List<KernelCallHook> observers = new CopyOnWriteArrayList<>();
    /** The calling thread's call under way: its stage and when it started; kept while someone observes. */
    private static final class CallStart {
        String stage;
        long nanos;
    }

    private final ThreadLocal<CallStart> started = ThreadLocal.withInitial(CallStart::new);
    private volatile boolean observed;

    StageKernel(Kernel delegate) {
        super(delegate);
    }

    /** Counts from now on go to a fresh counter, which is returned; observers see calls as made in {@code stageId}. */
    StageCalls startCounting(String stageId) {
        StageCalls calls = new StageCalls();
        current = new Current(stageId, calls);
        return calls;
    }

    void observe(KernelCallHook hook) {
        observers.add(hook);
        observed = true;
    }

    /** Calls are described only for observers; counting needs their kind alone. */
    @Override
    protected boolean describesCalls() {
        return observed;
    }

    @Override
    protected void counted(KernelCall kind) {
        current.calls().record(kind);
    }

    @Override
    protected void beforeCall(NativeCall call) {
        Current now = current;
        now.calls().record(call.kind());
        if (observed) {
            CallStart mine = started.get();
            mine.stage = now.stage();
            mine.nanos = System.nanoTime();
        }
    }

    @Override
    protected void afterCall(NativeCall call, Object result, RuntimeException failure) {
        if (!observed) {
            return;
        }
        long end = System.nanoTime();
        CallStart mine = started.get();
        KernelCallEvent event = new KernelCallEvent(mine.stage, call, result, failure, mine.nanos, end, gettid());
        for (KernelCallHook hook : observers) {
            hook.called(event);
        }
    }
}
