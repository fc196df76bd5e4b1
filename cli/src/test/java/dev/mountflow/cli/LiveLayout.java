package dev.mountflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process that builds a mount layout in a new, private mount namespace with util-linux's
 * {@code unshare} and then sleeps, so a test can dump it. The script must print one line per
 * {@code readyLines} when its namespaces are complete. Closing kills the process and every
 * descendant; their namespaces, and every mount in them, go away with them — the host never sees
 * any of it because {@code --propagation private} makes the new namespace's {@code /} rprivate
 * before the script runs.
 */
final class LiveLayout implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();

    private LiveLayout(Process process) {
        this.process = process;
    }

    static LiveLayout start(String script, int readyLines) throws IOException {
        return start(List.of(), script, readyLines);
    }

    /** As {@link #start(String, int)}, {@code unshare} started through {@code launcher} (e.g. taskset and its options). */
    static LiveLayout start(List<String> launcher, String script, int readyLines) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-euc", script));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        LiveLayout layout = new LiveLayout(p);
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int ready = 0;
        while (ready < readyLines) {
            String line = in.readLine();
            if (line == null) {
                layout.close();
                throw new IllegalStateException("layout script ended before it was ready:\n" + String.join("\n", layout.output));
            }
            layout.output.add(line);
            if (line.startsWith("ready")) {
                ready++;
            }
        }
        return layout;
    }

    long pid() {
        return process.pid();
    }

    /** The pids of the layout's processes, the root one first. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(h -> pids.add(h.pid()));
        return pids;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
