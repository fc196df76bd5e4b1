package dev.mountflow.restore;

import dev.mountflow.spi.KernelCall;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** The kernel calls of one stage, by kind; written from namespace threads, read after the stage. */
final class StageCalls {
    private final AtomicLongArray counts = new AtomicLongArray(KernelCall.values().length);

    void record(KernelCall kind) {
        counts.incrementAndGet(kind.ordinal());
    }

    /** Kinds called at least once, by C name, in {@link KernelCall} order. */
    Map<String, Long> byKind() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (KernelCall kind : KernelCall.values()) {
            long n = counts.get(kind.ordinal());
            if (n > 0) {
                out.put(kind.cName(), n);
            }
        }
        return out;
    }

    /** Calls that created, moved, detached or altered a mount ({@link KernelCall#changesMounts()}). */
    long mountsTouched() {
        long sum = 0;
        for (KernelCall kind : KernelCall.values()) {
            if (kind.changesMounts()) {
                sum += counts.get(kind.ordinal());
            }
        }
        return sum;
    }
}
