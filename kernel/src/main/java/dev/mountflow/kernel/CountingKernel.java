package dev.mountflow.kernel;

import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NativeCall;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts calls by kind, attempted ones included (a call the kernel refused still cost a
 * syscall); the "syscalls by kind" of a stage report. Safe to share between namespace threads.
 */
public final class CountingKernel extends ForwardingKernel {
    private final AtomicLongArray counts = new AtomicLongArray(KernelCall.values().length);

    public CountingKernel(Kernel delegate) {
        super(delegate);
    }

    @Override
    protected boolean describesCalls() {
        return false;
    }

    @Override
    protected void counted(KernelCall kind) {
        counts.incrementAndGet(kind.ordinal());
    }

    @Override
    protected void beforeCall(NativeCall call) {
        counted(call.kind());
    }

    public long count(KernelCall kind) {
        return counts.get(kind.ordinal());
    }

    /** The kinds called at least once, with their counts, in {@link KernelCall} order. */
    public Map<KernelCall, Long> counts() {
        Map<KernelCall, Long> out = new EnumMap<>(KernelCall.class);
        for (KernelCall kind : KernelCall.values()) {
            long n = count(kind);
            if (n > 0) {
                out.put(kind, n);
            }
        }
        return out;
    }
}
