package dev.mountflow.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether the JIT compiled anything between two looks, from the JVM's total compilation time;
 * a JVM that does not report it is taken as idle, so warm-up then stops at its minimum.
 */
final class JitActivity {
    /** Compilation time below this between two looks counts as idle: stray small methods. */
    private static final long IDLE_MS = 5;

    private final CompilationMXBean compiler;
    private long lastTotalMs;

    private JitActivity(CompilationMXBean compiler) {
        this.compiler = compiler;
        this.lastTotalMs = total();
    }

    static JitActivity start() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        return new JitActivity(bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null);
    }

    /** True when the JIT spent {@value #IDLE_MS} ms or more compiling since the last look. */
    boolean busySinceLastLook() {
        long now = total();
        boolean busy = now - lastTotalMs >= IDLE_MS;
        lastTotalMs = now;
        return busy;
    }

    private long total() {
        return compiler == null ? 0 : compiler.getTotalCompilationTime();
    }
}
