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
    private volatile StageCalls current = new StageCalls();
    /** The stage calls are made in, for observers; what runs before the first stage belongs to validate. */
    private volatile String stage = StageIds.VALIDATE;
    private final List<KernelCallHook> observers = new CopyOnWriteArrayList<>();
    /** When the calling thread's call started; only kept while someone observes. */
    private final ThreadLocal<long[]> started = ThreadLocal.withInitial(() -> new long[1]);
    private volatile boolean observed;

    StageKernel(Kernel delegate) {
        super(delegate);
    }

    /** Counts from now on go to a fresh counter, which is returned; observers see calls as made in {@code stageId}. */
    StageCalls startCounting(String stageId) {
        StageCalls calls = new StageCalls();
        current = calls;
        stage = stageId;
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
        current.record(kind);
    }

    @Override
    protected void beforeCall(NativeCall call) {
        current.record(call.kind());
        if (observed) {
            started.get()[0] = System.nanoTime();
        }
    }

    @Override
    protected void afterCall(NativeCall call, Object result, RuntimeException failure) {
        if (!observed) {
            return;
        }
        long end = System.nanoTime();
        KernelCallEvent event = new KernelCallEvent(stage, call, result, failure, started.get()[0], end, gettid());
        for (KernelCallHook hook : observers) {
            hook.called(event);
        }
    }
}
