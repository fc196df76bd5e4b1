package dev.mountflow.restore;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts one trivial process from the calling (host) thread.
 *
 * <p>Why: the JDK waits for child processes on "process reaper" threads of a cached pool, and a
 * thread is created by whichever thread calls {@code ProcessBuilder.start()} when no reaper is
 * idle. Created from a namespace thread (as {@code --exec} starts its command), the reaper is
 * born inside that namespace and keeps it, with its mounts, alive for as long as it lives. Idle
 * reapers die after 60 s, so this runs at the start of every restore rather than once per JVM: the
 * later start() on a namespace thread then finds an idle, host-born reaper.
 */
final class ProcessReaperWarmup {
    private ProcessReaperWarmup() {
    }

    static void run() {
        try {
            Process p = new ProcessBuilder("true").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start 'true' to prepare the JDK's process reaper: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
