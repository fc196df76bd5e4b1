package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One kernel call with its arguments as a message shows them:
 * {@code mount src='/a' dst='/b' flags=MS_BIND|MS_REC}.
 *
 * <p>Paths are quoted in RawString's printable form, flags are named through their family's
 * {@link FlagTable}, directory fds appear as {@code fd=N} (or {@code from_fd=N}) and are left out
 * when they are {@code AT_FDCWD}. There is one factory per {@link Kernel} method so that a real
 * failure and an injected one describe the call identically.
 */
public final class NativeCall {
    private enum Kind { PATH, FD, FLAGS, VALUE }

    /**
     * One argument, rendered only when a message needs it: every call through a counting or
     * fault-injecting kernel builds a NativeCall, and rendering flag names on each of them would
     * cost more than many of the calls themselves.
     */
    private record Argument(Kind kind, String name, RawString path, int fd, long bits, FlagTable table,
                            Supplier<String> value) {
        String rendered() {
            return switch (kind) {
                case PATH -> quote(path);
                case FD -> Integer.toString(fd);
                case FLAGS -> table.describe(bits);
                case VALUE -> value.get();
            };
        }
    }

    private final KernelCall kind;
    private final List<Argument> arguments = new ArrayList<>();

    private NativeCall(KernelCall kind) {
        this.kind = kind;
    }

    public static NativeCall mount(RawString source, RawString target, String fstype, long flags, RawString data) {
        NativeCall c = new NativeCall(KernelCall.MOUNT);
        if (source != null) {
            c.path("src", source);
        }
        c.path("dst", target);
        if (fstype != null) {
            c.value("type", () -> fstype);
        }
        c.flags("flags", flags, MountFlags.TABLE);
        if (data != null) {
            c.value("data", () -> quote(data));
        }
        return c;
    }

    public static NativeCall umount2(RawString target, int flags) {
        return new NativeCall(KernelCall.UMOUNT2).path("target", target).flags("flags", flags, UmountFlags.TABLE);
    }

    public static NativeCall unshare(int flags) {
        return new NativeCall(KernelCall.UNSHARE).flags("flags", flags, CloneFlags.TABLE);
    }

    public static NativeCall setns(int fd, int nstype) {
        return new NativeCall(KernelCall.SETNS).fd("fd", fd).flags("nstype", nstype, CloneFlags.TABLE);
    }

    public static NativeCall pivotRoot(RawString newRoot, RawString putOld) {
        return new NativeCall(KernelCall.PIVOT_ROOT).path("new_root", newRoot).path("put_old", putOld);
    }

    public static NativeCall openTree(int dfd, RawString path, int flags) {
        return new NativeCall(KernelCall.OPEN_TREE).at("fd", "path", dfd, path)
                .flags("flags", flags, OpenTreeFlags.TABLE);
    }

    public static NativeCall moveMount(int fromDfd, RawString fromPath, int toDfd, RawString toPath, int flags) {
        return new NativeCall(KernelCall.MOVE_MOUNT).at("from_fd", "from", fromDfd, fromPath)
                .at("to_fd", "to", toDfd, toPath).flags("flags", flags, MoveMountFlags.TABLE);
    }

    public static NativeCall mountSetattr(int dfd, RawString path, int flags, long attrSet, long attrClr,
                                          long propagation, long userns) {
        NativeCall c = new NativeCall(KernelCall.MOUNT_SETATTR).at("fd", "path", dfd, path)
                .flags("flags", flags, MountAttrFlags.SETATTR_FLAGS);
        if (attrSet != 0) {
            c.flags("attr_set", attrSet, MountAttrFlags.TABLE);
        }
        if (attrClr != 0) {
            c.flags("attr_clr", attrClr, MountAttrFlags.TABLE);
        }
        if (propagation != 0) {
            c.flags("propagation", propagation, MountFlags.TABLE);
        }
        if ((attrSet & MountAttrFlags.MOUNT_ATTR_IDMAP) != 0) {
            c.fd("userns_fd", (int) userns);
        }
        return c;
    }

    public static NativeCall openat2(int dfd, RawString path, long flags, long mode, long resolve) {
        NativeCall c = new NativeCall(KernelCall.OPENAT2).at("fd", "path", dfd, path)
                .flags("flags", flags, OpenFlags.TABLE);
        if ((flags & OpenFlags.O_CREAT) != 0) {
            c.value("mode", () -> octal(mode));
        }
        return c.flags("resolve", resolve, ResolveFlags.TABLE);
    }

    public static NativeCall openat(int dfd, RawString path, int flags, int mode) {
        NativeCall c = new NativeCall(KernelCall.OPENAT).at("fd", "path", dfd, path)
                .flags("flags", flags, OpenFlags.TABLE);
        return (flags & OpenFlags.O_CREAT) != 0 ? c.value("mode", () -> octal(mode)) : c;
    }

    public static NativeCall close(int fd) {
        return new NativeCall(KernelCall.CLOSE).fd("fd", fd);
    }

    public static NativeCall fsopen(String fstype, int flags) {
        return new NativeCall(KernelCall.FSOPEN).value("type", () -> fstype).flags("flags", flags, FsContextFlags.FSOPEN_TABLE);
    }

    public static NativeCall fsconfig(int fd, int cmd, String key, RawString value, int aux) {
        NativeCall c = new NativeCall(KernelCall.FSCONFIG).fd("fd", fd)
                .value("cmd", () -> FsContextFlags.commandName(cmd));
        if (key != null) {
            c.value("key", () -> key);
        }
        if (value != null) {
            c.value("value", () -> quote(value));
        }
        return aux != 0 ? c.value("aux", () -> Integer.toString(aux)) : c;
    }

    public static NativeCall fsmount(int fd, int flags, int attrs) {
        return new NativeCall(KernelCall.FSMOUNT).fd("fd", fd).flags("flags", flags, FsContextFlags.FSMOUNT_TABLE)
                .flags("attrs", attrs, MountAttrFlags.TABLE);
    }

    public static NativeCall mkdirat(int dfd, RawString path, int mode) {
        return new NativeCall(KernelCall.MKDIRAT).at("fd", "path", dfd, path).value("mode", () -> octal(mode));
    }

    public static NativeCall unlinkat(int dfd, RawString path, int flags) {
        return new NativeCall(KernelCall.UNLINKAT).at("fd", "path", dfd, path).flags("flags", flags, AtFlags.TABLE);
    }

    public static NativeCall renameat2(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags) {
        return new NativeCall(KernelCall.RENAMEAT2).at("from_fd", "from", oldDfd, oldPath)
                .at("to_fd", "to", newDfd, newPath).flags("flags", flags, RenameFlags.TABLE);
    }

    public static NativeCall statx(int dfd, RawString path, int flags) {
        return new NativeCall(KernelCall.STATX).at("fd", "path", dfd, path).flags("flags", flags, AtFlags.TABLE);
    }

    public static NativeCall fchdir(int fd) {
        return new NativeCall(KernelCall.FCHDIR).fd("fd", fd);
    }

    public static NativeCall chdir(RawString path) {
        return new NativeCall(KernelCall.CHDIR).path("path", path);
    }

    public static NativeCall getrlimit(int resource) {
        return new NativeCall(KernelCall.GETRLIMIT).value("resource", () -> Integer.toString(resource));
    }

    public static NativeCall setrlimit(int resource, long soft, long hard) {
        return new NativeCall(KernelCall.SETRLIMIT).value("resource", () -> Integer.toString(resource))
                .value("soft", () -> Long.toString(soft)).value("hard", () -> Long.toString(hard));
    }

    public static NativeCall readlink(RawString path) {
        return new NativeCall(KernelCall.READLINK).path("path", path);
    }

    public static NativeCall mknodat(int dfd, RawString path, int mode, int major, int minor) {
        return new NativeCall(KernelCall.MKNODAT).at("fd", "path", dfd, path).value("mode", () -> octal(mode))
                .value("dev", () -> major + ":" + minor);
    }

    public static NativeCall fchownat(int dfd, RawString path, int uid, int gid, int flags) {
        return new NativeCall(KernelCall.FCHOWNAT).at("fd", "path", dfd, path)
                .value("uid", () -> Integer.toString(uid)).value("gid", () -> Integer.toString(gid))
                .flags("flags", flags, AtFlags.TABLE);
    }

    public static NativeCall fchmodat(int dfd, RawString path, int mode) {
        return new NativeCall(KernelCall.FCHMODAT).at("fd", "path", dfd, path).value("mode", () -> octal(mode));
    }

    public static NativeCall utimensat(int dfd, RawString path, FileAttributes.FileTime atime,
                                       FileAttributes.FileTime mtime, int flags) {
        return new NativeCall(KernelCall.UTIMENSAT).at("fd", "path", dfd, path)
                .value("atime", () -> time(atime)).value("mtime", () -> time(mtime))
                .flags("flags", flags, AtFlags.TABLE);
    }

    public static NativeCall symlinkat(RawString target, int dfd, RawString path) {
        return new NativeCall(KernelCall.SYMLINKAT).value("target", () -> quote(target)).at("fd", "path", dfd, path);
    }

    public static NativeCall linkat(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags) {
        return new NativeCall(KernelCall.LINKAT).at("old_fd", "old", oldDfd, oldPath).at("new_fd", "new", newDfd, newPath)
                .flags("flags", flags, AtFlags.TABLE);
    }

    public static NativeCall readlinkat(int dfd, RawString path) {
        return new NativeCall(KernelCall.READLINKAT).at("fd", "path", dfd, path);
    }

    public static NativeCall lsetxattr(RawString path, String name, int size) {
        return new NativeCall(KernelCall.LSETXATTR).path("path", path).value("name", () -> name)
                .value("size", () -> Integer.toString(size));
    }

    public static NativeCall llistxattr(RawString path) {
        return new NativeCall(KernelCall.LLISTXATTR).path("path", path);
    }

    public static NativeCall lgetxattr(RawString path, String name) {
        return new NativeCall(KernelCall.LGETXATTR).path("path", path).value("name", () -> name);
    }

    public static NativeCall lseek(int fd, long offset, int whence) {
        return new NativeCall(KernelCall.LSEEK).fd("fd", fd).value("offset", () -> Long.toString(offset))
                .value("whence", () -> whenceName(whence));
    }

    public static NativeCall getdents64(int fd) {
        return new NativeCall(KernelCall.GETDENTS64).fd("fd", fd);
    }

    /** The exception for this call having failed with {@code errno}. */
    public NativeCallException failed(int errno) {
        return new NativeCallException(this, errno);
    }

    public KernelCall kind() {
        return kind;
    }

    /** Path arguments by name, in call order. */
    public Map<String, RawString> paths() {
        Map<String, RawString> out = new LinkedHashMap<>();
        arguments.stream().filter(a -> a.kind == Kind.PATH).forEach(a -> out.put(a.name, a.path));
        return Collections.unmodifiableMap(out);
    }

    /** Flag arguments by name, rendered through their table, in call order. */
    public Map<String, String> flags() {
        Map<String, String> out = new LinkedHashMap<>();
        arguments.stream().filter(a -> a.kind == Kind.FLAGS).forEach(a -> out.put(a.name, a.rendered()));
        return Collections.unmodifiableMap(out);
    }

    /** File descriptor arguments by name (AT_FDCWD left out), in call order. */
    public Map<String, Integer> fds() {
        Map<String, Integer> out = new LinkedHashMap<>();
        arguments.stream().filter(a -> a.kind == Kind.FD).forEach(a -> out.put(a.name, a.fd));
        return Collections.unmodifiableMap(out);
    }

    /** Every argument by name, rendered as messages show it, in call order. */
    public Map<String, String> arguments() {
        Map<String, String> out = new LinkedHashMap<>();
        arguments.forEach(a -> out.put(a.name, a.rendered()));
        return Collections.unmodifiableMap(out);
    }

    /** {@code open_tree path='/a' flags=OPEN_TREE_CLONE}: the call's C name and its arguments. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(kind.cName());
        for (Argument a : arguments) {
            out.append(' ').append(a.name).append('=').append(a.rendered());
        }
        return out.toString();
    }

    private NativeCall path(String name, RawString path) {
        Objects.requireNonNull(path, name);
        arguments.add(new Argument(Kind.PATH, name, path, 0, 0, null, null));
        return this;
    }

    private NativeCall fd(String name, int fd) {
        arguments.add(new Argument(Kind.FD, name, null, fd, 0, null, null));
        return this;
    }

    private NativeCall flags(String name, long bits, FlagTable table) {
        arguments.add(new Argument(Kind.FLAGS, name, null, 0, bits, table, null));
        return this;
    }

    private NativeCall value(String name, Supplier<String> rendered) {
        arguments.add(new Argument(Kind.VALUE, name, null, 0, 0, null, rendered));
        return this;
    }

    /**
     * A directory fd and a path relative to it. An empty path with a real fd means "the fd
     * itself" (AT_EMPTY_PATH), so only the fd is shown; AT_FDCWD means "the path alone".
     */
    private NativeCall at(String fdName, String pathName, int dfd, RawString path) {
        Objects.requireNonNull(path, pathName);
        if (dfd != AtFlags.AT_FDCWD) {
            fd(fdName, dfd);
        }
        return dfd == AtFlags.AT_FDCWD || !path.isEmpty() ? path(pathName, path) : this;
    }

    private static String quote(RawString s) {
        return "'" + s + "'";
    }

    private static String time(FileAttributes.FileTime t) {
        return String.format("%d.%09d", t.seconds(), t.nanos());
    }

    private static String whenceName(int whence) {
        return switch (whence) {
            case 0 -> "SEEK_SET";
            case 1 -> "SEEK_CUR";
            case 2 -> "SEEK_END";
            case 3 -> "SEEK_DATA";
            case 4 -> "SEEK_HOLE";
            default -> Integer.toString(whence);
        };
    }

    private static String octal(long mode) {
        return String.format("0%o", mode);
    }
}
