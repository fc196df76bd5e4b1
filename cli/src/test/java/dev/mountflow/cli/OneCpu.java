package dev.mountflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A launcher prefix that keeps processes on one CPU. Pinning a restored namespace from a
 * namespace other than the initial one needs the pinning namespace's id to be lower than the
 * pinned one's; Linux 6.18 hands namespace ids out in per-CPU batches, so a namespace made later
 * on another CPU can get a lower id and the pin fails with EINVAL. On one CPU, ids follow creation.
 */
final class OneCpu {
    static final List<String> LAUNCHER = List.of("taskset", "--cpu-list", firstAllowedCpu());

    private OneCpu() {
    }

    private static String firstAllowedCpu() {
        try {
            String allowed = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                    .substring("Cpus_allowed_list:".length()).strip();
            return allowed.split("[-,]")[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
