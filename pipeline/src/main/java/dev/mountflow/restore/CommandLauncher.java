package dev.mountflow.restore;

import dev.mountflow.spi.NamespaceExecutor;
import java.io.IOException;
import java.util.List;

/**
 * Runs a command inside a restored namespace: started from a task on the namespace's thread, the
 * child inherits that thread's mount namespace, root and cwd; it shares mountflow's terminal.
 */
final class CommandLauncher {
    /** Starts {@code command}, waits for it and returns its exit status (128+N when killed by signal N). */
    int run(NamespaceExecutor ns, List<String> command) throws IOException {
        Process process = ns.call(() -> new ProcessBuilder(command).inheritIO().start());
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    // Returning before the command ends would release its namespace under it.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
