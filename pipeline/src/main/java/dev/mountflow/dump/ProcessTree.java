package dev.mountflow.dump;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The descendants of a process, read from {@code /proc/<pid>/stat} of every process once.
 *
 * <p>One pass over {@code /proc} builds a parent → children map, so finding the whole tree is
 * linear in the number of processes; {@code /proc/<pid>/task/<tid>/children} would be cheaper but
 * depends on {@code CONFIG_PROC_CHILDREN} and misses children of non-main threads.
 */
public final class ProcessTree {
    private final Path proc;

    public ProcessTree(Path proc) {
        this.proc = proc;
    }

    /** {@code pid} first, then its descendants breadth-first (so parents precede children). */
    public List<Long> descendantsOf(long pid) throws IOException {
        Map<Long, List<Long>> children = childrenByParent();
        List<Long> order = new ArrayList<>();
        Deque<Long> queue = new ArrayDeque<>();
        queue.add(pid);
        while (!queue.isEmpty()) {
            long next = queue.poll();
            order.add(next);
            List<Long> kids = children.get(next);
            if (kids != null) {
                kids.sort(null);
                queue.addAll(kids);
            }
        }
        return order;
    }

    private Map<Long, List<Long>> childrenByParent() throws IOException {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!isNumber(name)) {
                    continue;
                }
                long ppid = parentOf(entry.resolve("stat"));
                if (ppid >= 0) {
                    children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(Long.parseLong(name));
                }
            }
        }
        return children;
    }

    /** The ppid field of a stat file, or -1 when the process exited meanwhile. */
    private static long parentOf(Path stat) throws IOException {
        String text;
        try {
            text = Files.readString(stat, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("No such process")) {
                return -1;
            }
            throw e;
        }
        // The command name may itself contain ") ", so the fields start after the LAST ')'.
        int close = text.lastIndexOf(')');
        String[] fields = text.substring(close + 2).split(" ");
        return Long.parseLong(fields[1]);
    }

    private static boolean isNumber(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
