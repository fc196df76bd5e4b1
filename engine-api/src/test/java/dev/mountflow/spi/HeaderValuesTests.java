package dev.mountflow.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mountflow.model.MountFlags;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every constant against the C headers installed on the build machine (linux-libc-dev and glibc):
 * a wrong bit would make a call do something else than its message says. Skipped where the
 * headers are not installed.
 */
class HeaderValuesTests {
    private static final List<Class<?>> CONSTANT_CLASSES = List.of(MountFlags.class, CloneFlags.class,
            UmountFlags.class, AtFlags.class, OpenFlags.class, ResolveFlags.class, OpenTreeFlags.class,
            MoveMountFlags.class, MountAttrFlags.class, FsContextFlags.class, RenameFlags.class);
    /** Ours, not C's; or newer than the installed headers (MOVE_MOUNT_BENEATH is Linux 6.5). */
    private static final Set<String> NOT_IN_HEADERS = Set.of("PER_MOUNT_MASK", "SUPERBLOCK_MASK", "CONFINED",
            "MOVE_MOUNT_BENEATH");

    private static final Pattern DEFINE = Pattern.compile("^\\s*#\\s*define\\s+(\\w+)\\s+(.+?)\\s*(/\\*.*)?$");
    private static final Pattern ENUMERATOR = Pattern.compile("^\\s*(\\w+)\\s*=\\s*([^,/]+?)\\s*,?\\s*(/\\*.*)?$");
    private static final Pattern SHIFT = Pattern.compile("\\(?\\s*(\\d+)\\s*<<\\s*(\\d+)\\s*\\)?");

    @Test
    void everyConstantHasTheHeadersValue() throws IOException {
        Map<String, Long> header = readHeaders();
        assumeTrue(header.containsKey("MOVE_MOUNT_SET_GROUP"), "kernel headers with <linux/mount.h> are not installed");

        List<String> mismatches = new ArrayList<>();
        Set<String> absent = new TreeSet<>();
        int checked = 0;
        for (Class<?> type : CONSTANT_CLASSES) {
            for (Field f : type.getFields()) {
                Optional<Long> ours = constant(f);
                if (ours.isEmpty()) {
                    continue;
                }
                Long theirs = header.get(f.getName());
                if (theirs == null) {
                    absent.add(f.getName());
                } else if (!theirs.equals(ours.get())) {
                    mismatches.add(f.getName() + ": ours " + ours.get() + ", header " + theirs);
                } else {
                    checked++;
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(NOT_IN_HEADERS).containsAll(absent);
        assertThat(checked).as("constants checked").isGreaterThanOrEqualTo(90);
    }

    private static Optional<Long> constant(Field f) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) || !Modifier.isFinal(m)) {
            return Optional.empty();
        }
        try {
            if (f.getType() == int.class) {
                return Optional.of((long) f.getInt(null));
            }
            return f.getType() == long.class ? Optional.of(f.getLong(null)) : Optional.empty();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Earlier files win: the architecture's {@code asm/fcntl.h} before the generic one it
     * overrides, the kernel's uapi headers before glibc's (which re-declare them as enums), and
     * {@code O_CLOEXEC} before {@code <linux/mount.h>} refers to it.
     */
    private static Map<String, Long> readHeaders() throws IOException {
        List<Path> archDirs;
        try (var dirs = Files.list(Path.of("/usr/include"))) {
            archDirs = dirs.filter(d -> d.getFileName().toString().endsWith("-linux-gnu")).toList();
        } catch (IOException e) {
            return Map.of();
        }
        List<Path> files = new ArrayList<>();
        archDirs.forEach(d -> files.add(d.resolve("asm/fcntl.h")));
        files.addAll(List.of(Path.of("/usr/include/asm-generic/fcntl.h"), Path.of("/usr/include/linux/mount.h"),
                Path.of("/usr/include/linux/sched.h"), Path.of("/usr/include/linux/fcntl.h"),
                Path.of("/usr/include/linux/openat2.h"), Path.of("/usr/include/linux/fs.h")));
        archDirs.forEach(d -> files.add(d.resolve("sys/mount.h")));

        Map<String, Long> values = new HashMap<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                Matcher d = DEFINE.matcher(line);
                Matcher e = ENUMERATOR.matcher(line);
                Matcher hit = d.matches() ? d : e.matches() ? e : null;
                if (hit != null && !values.containsKey(hit.group(1))) {
                    evaluate(hit.group(2), values).ifPresent(v -> values.put(hit.group(1), v));
                }
            }
        }
        return values;
    }

    /** Numbers in C notation, {@code (1<<16)}, and names already known ({@code O_CLOEXEC}). */
    private static Optional<Long> evaluate(String expr, Map<String, Long> known) {
        String s = expr.trim().replaceAll("[uUlL]+$", "");
        Matcher shift = SHIFT.matcher(s);
        if (shift.matches()) {
            return Optional.of(Long.parseLong(shift.group(1)) << Long.parseLong(shift.group(2)));
        }
        if (known.containsKey(s)) {
            return Optional.of(known.get(s));
        }
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Optional.of(Long.parseLong(s.substring(2), 16));
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Optional.of(Long.parseLong(s.substring(1), 8));
            }
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
