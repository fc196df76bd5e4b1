package dev.mountflow.restore;

import dev.mountflow.kernel.ForwardingKernel;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCall;

/**
 * The kernel every stage of one restore sees: counts each call into the stage that is running.
 * One instance for the whole restore, because namespace threads made in one stage keep the kernel
 * they were given and go on calling it in later stages.
 */
final class StageKernel extends ForwardingKernel {
    private volatile StageCalls current = new StageCalls();

    StageKernel(Kernel delegate) {
        super(delegate);
    }

    /** Counts from now on go to a fresh counter, which is returned. */
    StageCalls startCounting() {
        StageCalls calls = new StageCalls();
        current = calls;
        return calls;
    }

    @Override
    protected void beforeCall(NativeCall call) {
        current.record(call.kind());
    }
}
