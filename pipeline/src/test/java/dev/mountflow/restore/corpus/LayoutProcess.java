package dev.mountflow.restore.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A shell script that builds a mount layout in a new private namespace ({@code unshare --mount
 * --propagation private}, so the host sees nothing) and waits on its stdin; it prints a line
 * starting with {@code ready} per namespace once complete. Closing kills it and its descendants,
 * and their namespaces go with them.
 *
 * <p>{@link #PIVOT} lets a script leave the host's root: it pivots into the tmpfs on
 * {@code /mnt/root} and detaches the old root with the host's umount run through the host's
 * dynamic loader (the new root holds no binaries), so the dumped image names no host filesystem.
 *
 * <p>Public so that every consumer of the {@link LayoutCorpus} (engine tests here, CLI tests in
 * the cli module through the test-jar) builds layouts the same way.
 */
public final class LayoutProcess implements AutoCloseable {
    /** Mounts the lab tmpfs and the future root tmpfs; then build under {@code /mnt/root}. */
    public static final String PRELUDE = """
            mount -t tmpfs lab /mnt
            mkdir /mnt/root
            mount -t tmpfs rootfs /mnt/root
            mkdir /mnt/root/.old
            ln -s /.old/proc /mnt/root/proc
            exec 3<&0
            """;

    /** Pivots the calling shell's namespace into {@code /mnt/root}; $1 of the shell function is its name. */
    public static final String PIVOT = """
            pivot_into() {
              cd "$1"
              pivot_root . .old
              /.old/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path /.old/usr/lib/x86_64-linux-gnu \\
                /.old/usr/bin/umount -n -l /.old
              cd /
            }
            """;

    /** Ends a namespace's script: pivot, report ready, wait for the test to finish. */
    public static String pivotAndWait(String dir, String name) {
        return "pivot_into " + dir + "; echo ready " + name + "; read x <&3 || true\n";
    }

    private final Process process;
    private final List<String> output = new ArrayList<>();

    private LayoutProcess(Process process) {
        this.process = process;
    }

    /** Runs {@code script} after {@link #PRELUDE} and {@link #PIVOT}; returns once it printed {@code readyLines} ready lines. */
    public static LayoutProcess start(String script, int readyLines) throws IOException {
        return startRaw(List.of(), PRELUDE + PIVOT + script, readyLines);
    }

    /** Runs {@code script} as it is (it starts on the host's root, in the new private namespace). */
    public static LayoutProcess startRaw(String script, int readyLines) throws IOException {
        return startRaw(List.of(), script, readyLines);
    }

    /** As {@link #startRaw(String, int)}, {@code unshare} started through {@code launcher} (e.g. taskset and its options). */
    public static LayoutProcess startRaw(List<String> launcher, String script, int readyLines) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-euc", script));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        LayoutProcess layout = new LayoutProcess(p);
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

    /** The pids of the layout's processes, the root one first. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(h -> pids.add(h.pid()));
        return pids;
    }

    /** The pid of the layout's root namespace's shell. */
    public long pid() {
        return process.pid();
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
