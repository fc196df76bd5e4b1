package dev.mountflow.dump;

import dev.mountflow.error.InputException;
import dev.mountflow.error.IoMessages;
import dev.mountflow.mountinfo.MountInfoParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads live mount namespaces from {@code /proc}: a process's own, or every distinct one among a
 * process and its descendants (nested namespaces), each from the first process found in it.
 */
public final class LiveNamespaceReader {
    private final Path proc;

    public LiveNamespaceReader(Path proc) {
        this.proc = proc;
    }

    public LiveNamespaceReader() {
        this(Path.of("/proc"));
    }

    /** The namespaces of {@code pid} and, with {@code tree}, of its descendants; {@code pid}'s first. */
    public List<LiveNamespace> read(long pid, boolean tree) {
        requireProcess(pid);
        try {
            return readEach(tree ? new ProcessTree(proc).descendantsOf(pid) : List.of(pid));
        } catch (IOException e) {
            throw unreadable(pid, e);
        }
    }

    /**
     * The distinct namespaces of the given processes or threads ({@code /proc/<tid>} works too),
     * in the given order; the first must exist.
     */
    public List<LiveNamespace> readEach(List<Long> pids) {
        long first = pids.get(0);
        requireProcess(first);
        try {
            List<LiveNamespace> found = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (long candidate : pids) {
                long nsId = namespaceOf(candidate);
                // A process that exits while we walk the tree is simply not there any more.
                if (nsId < 0 || !seen.add(nsId)) {
                    continue;
                }
                LiveNamespace ns = readOne(candidate, nsId);
                if (ns != null) {
                    found.add(ns);
                }
            }
            if (found.isEmpty()) {
                throw new InputException("process " + first + " exited while it was being read");
            }
            return found;
        } catch (IOException e) {
            throw unreadable(first, e);
        }
    }

    private static InputException unreadable(long pid, IOException e) {
        return new InputException("cannot read the mount namespaces of process " + pid + ": " + IoMessages.describe(e), e);
    }

    private void requireProcess(long pid) {
        if (pid <= 0) {
            throw new InputException("process " + pid + " does not exist: a pid is a positive number");
        }
        if (!Files.isDirectory(proc.resolve(Long.toString(pid)))) {
            throw new InputException("process " + pid + " does not exist");
        }
    }

    /** The inode of the process's mount namespace, or -1 when the process is gone. */
    private long namespaceOf(long pid) throws IOException {
        try {
            String link = Files.readSymbolicLink(proc.resolve(pid + "/ns/mnt")).toString();
            if (!link.startsWith("mnt:[") || !link.endsWith("]")) {
                throw new IOException("unexpected /proc/" + pid + "/ns/mnt link '" + link + "'");
            }
            return Long.parseLong(link.substring(5, link.length() - 1));
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    private LiveNamespace readOne(long pid, long nsId) throws IOException {
        try (InputStream in = Files.newInputStream(proc.resolve(pid + "/mountinfo"))) {
            return new LiveNamespace(pid, nsId, MountInfoParser.parse(in));
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
