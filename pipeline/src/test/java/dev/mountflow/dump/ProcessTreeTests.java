package dev.mountflow.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTreeTests {

    @Test
    void walksDescendantsBreadthFirstFromStatFilesIncludingOddCommandNames(@TempDir Path proc) throws IOException {
        stat(proc, 10, "init", 1);
        stat(proc, 20, "a) (b", 10);
        stat(proc, 21, "sh", 10);
        stat(proc, 30, "sleep", 20);
        stat(proc, 40, "other", 1);
        Files.createDirectories(proc.resolve("self"));

        assertThat(new ProcessTree(proc).descendantsOf(10)).containsExactly(10L, 20L, 21L, 30L);
        assertThat(new ProcessTree(proc).descendantsOf(30)).containsExactly(30L);
    }

    @Test
    void findsTheChildrenOfThisJvmOnTheRealProc() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(new ProcessTree(Path.of("/proc")).descendantsOf(ProcessHandle.current().pid()))
                    .startsWith(ProcessHandle.current().pid()).contains(child.pid());
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private static void stat(Path proc, long pid, String comm, long ppid) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S " + ppid + " " + pid + " 0 0 -1 4194560\n");
    }
}
