package dev.mountflow.pin;

import dev.mountflow.engine.Rollback;
import dev.mountflow.error.InputException;
import dev.mountflow.error.IoMessages;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import dev.mountflow.spi.AtFlags;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.NativeCallException;
import dev.mountflow.spi.UmountFlags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Namespace pins in a directory: files on which a mount namespace is bind-mounted, so that it
 * outlives its threads and {@code nsenter --mount=FILE} can enter it. Pins are made and released
 * in the host's namespace, the one visible act of a restore; they must be: the kernel refuses to
 * bind a namespace's file inside a namespace that is not older than it (no reference loops).
 */
public final class NamespacePins {
    private static final Path HOST_MOUNTINFO = Path.of("/proc/self/mountinfo");
    /**
     * Marks a pin file from its creation on, so that {@code mountflow gc} can tell one that a
     * killed restore left unpinned from any other file (filesystems without user xattrs get no mark).
     */
    public static final String MARK = "user.mountflow.pin";
    private static final String MNT_NS_PREFIX = "mnt:[";

    /**
     * A pinned file.
     *
     * @param file the file in the pin directory
     * @param namespace the namespace it holds, as its link reads: {@code mnt:[4026532451]}
     * @param mounts how many pins are stacked on it (one, unless pinned by hand again)
     */
    public record Pin(Path file, String namespace, int mounts) {
    }

    private final Kernel kernel;

    public NamespacePins(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Checks, before anything is restored, that {@code dir} is a directory and none of the
     * files for {@code ids} exists yet.
     */
    public void requireFree(Path dir, Collection<Integer> ids) {
        if (!Files.isDirectory(dir)) {
            throw new InputException("--ns-dir '" + dir + "' is not a directory");
        }
        Map<Path, Pin> pinned = byFile(pinned(dir));
        for (int id : ids) {
            Path file = canonical(dir).resolve(Integer.toString(id));
            Pin pin = pinned.get(file);
            if (pin != null) {
                throw new InputException("'" + file + "' already pins mount namespace " + pin.namespace()
                        + "; release it with mountflow gc --ns-dir " + dir);
            }
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException("'" + file + "' already exists; a namespace can only be pinned on a new file");
            }
        }
    }

    /**
     * Pins {@code ns} on the new file {@code dir/<id>} and registers the undo of each step, the
     * file and the pin, in {@code rollback}. Must run on a thread of the host's namespace.
     */
    public Path pin(Path dir, int id, NamespaceExecutor ns, Rollback rollback) {
        requireHostThread();
        Path file = canonical(dir).resolve(Integer.toString(id));
        RawString target = RawString.of(file.toString());
        // O_EXCL: a file that appeared since requireFree is someone else's.
        kernel.createFile(AtFlags.AT_FDCWD, target, 0444);
        rollback.push("pin file '" + file + "'", () -> kernel.unlinkat(AtFlags.AT_FDCWD, target, 0));
        mark(target, ns);
        kernel.mount(RawString.of(ns.namespacePath().toString()), target, null, MountFlags.MS_BIND, null);
        rollback.push("pin '" + file + "'", () -> kernel.umount2(target, UmountFlags.MNT_DETACH));
        return file;
    }

    private void mark(RawString target, NamespaceExecutor ns) {
        try {
            kernel.lsetxattr(target, MARK, ns.namespacePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NativeCallException e) {
            if (!e.is(Errno.EOPNOTSUPP)) {
                throw e;
            }
        }
    }

    /**
     * Files directly in {@code dir} that a restore made for pins and that hold none: marked with
     * {@link #MARK} and not mounted on, as a restore killed between making a file and pinning it
     * leaves them.
     */
    public List<Path> unfinished(Path dir) {
        Path canonical = canonical(dir);
        Map<Path, Pin> pinned = byFile(pinned(dir));
        List<Path> out = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(canonical)) {
            for (Path file : files.sorted().toList()) {
                if (pinned.containsKey(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    kernel.lgetxattr(RawString.of(file.toString()), MARK);
                    out.add(file);
                } catch (NativeCallException e) {
                    if (!e.is(Errno.ENODATA) && !e.is(Errno.EOPNOTSUPP) && !e.is(Errno.ENOENT)) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list '" + dir + "': " + IoMessages.describe(e), e);
        }
        return out;
    }

    /** Removes an unfinished pin file (see {@link #unfinished}). */
    public void removeUnfinished(Path file) {
        kernel.unlinkat(AtFlags.AT_FDCWD, RawString.of(file.toString()), 0);
    }

    /** The mount namespace pins directly in {@code dir}, as the host's mount table shows them. */
    public List<Pin> pinned(Path dir) {
        RawString prefix = RawString.of(canonical(dir) + "/");
        Map<Path, Pin> out = new LinkedHashMap<>();
        for (MountInfoEntry e : hostTable()) {
            String root = e.root().toString();
            if (!e.fstype().equals("nsfs") || !root.startsWith(MNT_NS_PREFIX)
                    || !e.mountpoint().startsWith(prefix) || e.mountpoint().substring(prefix.length()).contains((byte) '/')) {
                continue;
            }
            Path file = Path.of(e.mountpoint().toString());
            Pin earlier = out.get(file);
            out.put(file, new Pin(file, root, earlier == null ? 1 : earlier.mounts() + 1));
        }
        return new ArrayList<>(out.values());
    }

    /** Detaches every pin stacked on {@code pin}'s file, then removes the file. */
    public void release(Pin pin) {
        requireHostThread();
        RawString target = RawString.of(pin.file().toString());
        for (int i = 0; i < pin.mounts(); i++) {
            kernel.umount2(target, UmountFlags.MNT_DETACH);
        }
        kernel.unlinkat(AtFlags.AT_FDCWD, target, 0);
    }

    private static Map<Path, Pin> byFile(List<Pin> pins) {
        Map<Path, Pin> out = new LinkedHashMap<>();
        pins.forEach(p -> out.put(p.file(), p));
        return out;
    }

    // mountinfo shows resolved paths; a pin directory reached through a symlink must match them.
    private static Path canonical(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new InputException("--ns-dir '" + dir + "': " + IoMessages.describe(e), e);
        }
    }

    private static List<MountInfoEntry> hostTable() {
        try (InputStream in = Files.newInputStream(HOST_MOUNTINFO)) {
            return MountInfoParser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + HOST_MOUNTINFO + ": " + IoMessages.describe(e), e);
        }
    }

    /**
     * A thread that left the host's namespace would pin where nobody looks, or be refused; the
     * process's own namespace ({@code /proc/self} is the main thread's) is the host's.
     */
    private static void requireHostThread() {
        Optional<String> mine = link(Path.of("/proc/thread-self/ns/mnt"));
        Optional<String> host = link(Path.of("/proc/self/ns/mnt"));
        if (mine.isEmpty() || !mine.equals(host)) {
            throw new IllegalStateException("namespace pins are made from a thread in the host's mount namespace "
                    + host.orElse("?") + ", not from " + Thread.currentThread().getName() + " in " + mine.orElse("?"));
        }
    }

    private static Optional<String> link(Path p) {
        try {
            return Optional.of(Files.readSymbolicLink(p).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
