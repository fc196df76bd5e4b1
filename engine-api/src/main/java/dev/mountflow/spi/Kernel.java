package dev.mountflow.spi;

import dev.mountflow.model.RawString;

/**
 * The Linux calls mountflow's engines make, with Java types: paths as {@link RawString} (bytes,
 * so non-UTF-8 names work), fds as {@code int}, flags as the C flag words of the constant
 * classes in this package.
 *
 * <p>Contract for every method: it performs exactly the C call named in its comment, once, on the
 * calling thread (so in that thread's mount namespace and with its root and cwd); on failure it
 * throws {@link NativeCallException} carrying the errno read right after the call, and has done
 * nothing else. A path holding a NUL byte is refused with {@link IllegalArgumentException}
 * before any call, since C would silently cut it there. Paths may be relative to a directory fd
 * ({@code dfd}); {@link AtFlags#AT_FDCWD} means "relative to the thread's cwd". Returned fds
 * belong to the caller, who closes them.
 */
public interface Kernel {

    /**
     * {@code mount(source, target, fstype, flags, data)}. {@code source}, {@code fstype} and
     * {@code data} may be null (NULL in C), as for a propagation change
     * {@code mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL)}. Note mount(2) follows a final
     * symlink in {@code target}.
     */
    void mount(RawString source, RawString target, String fstype, long flags, RawString data);

    /** {@code umount2(target, flags)}; flags from {@link UmountFlags}. */
    void umount2(RawString target, int flags);

    /** {@code unshare(flags)}; flags from {@link CloneFlags}. Affects the calling thread only. */
    void unshare(int flags);

    /** {@code setns(fd, nstype)}; nstype from {@link CloneFlags}, or 0 for "any". */
    void setns(int fd, int nstype);

    /**
     * {@code fchdir(fd)}: the calling thread's cwd (its own after unshare(CLONE_FS)) becomes the
     * directory {@code fd} refers to, so {@code pivot_root(".", ".")} can act on a tree reached by
     * fd alone, without a path resolved through the old root.
     */
    void fchdir(int fd);

    /**
     * {@code chdir(path)}: the calling thread's cwd becomes {@code path}, resolved from the current
     * cwd when relative (and followed onto the mount on top of it, as any lookup is).
     */
    void chdir(RawString path);

    /** {@code getrlimit(resource)}: the soft and the hard limit, in that order. */
    long[] getrlimit(int resource);

    /** {@code setrlimit(resource, {soft, hard})}; raising the hard limit needs CAP_SYS_RESOURCE. */
    void setrlimit(int resource, long soft, long hard);

    /** {@code syscall(SYS_pivot_root, new_root, put_old)}; glibc has no wrapper. */
    void pivotRoot(RawString newRoot, RawString putOld);

    /**
     * {@code open_tree(dfd, path, flags)}: an O_PATH fd on the mount at {@code path}, or with
     * {@link OpenTreeFlags#OPEN_TREE_CLONE} on a new detached copy of it (of its whole subtree
     * with {@link AtFlags#AT_RECURSIVE}). A detached copy is unmounted when its last fd closes.
     */
    int openTree(int dfd, RawString path, int flags);

    /**
     * {@code move_mount(from_dfd, from_path, to_dfd, to_path, flags)}; flags from
     * {@link MoveMountFlags}. Use an empty path with {@code MOVE_MOUNT_F_EMPTY_PATH} /
     * {@code MOVE_MOUNT_T_EMPTY_PATH} to act on the fds themselves.
     */
    void moveMount(int fromDfd, RawString fromPath, int toDfd, RawString toPath, int flags);

    /**
     * {@code mount_setattr(dfd, path, flags, &attr, MOUNT_ATTR_SIZE_VER0)} with
     * {@code struct mount_attr {attr_set, attr_clr, propagation, userns_fd}}. Flags are path flags
     * ({@link AtFlags}: AT_RECURSIVE, AT_EMPTY_PATH, …); attributes from {@link MountAttrFlags};
     * propagation is one of MS_PRIVATE, MS_SHARED, MS_SLAVE, MS_UNBINDABLE or 0.
     */
    void mountSetattr(int dfd, RawString path, int flags, long attrSet, long attrClr, long propagation, long userns);

    /**
     * {@code syscall(SYS_openat2, dfd, path, &how, sizeof how)} with
     * {@code struct open_how {flags, mode, resolve}}; glibc has no wrapper. Flags from
     * {@link OpenFlags}, resolve from {@link ResolveFlags}. Returns the new fd.
     */
    int openat2(int dfd, RawString path, long flags, long mode, long resolve);

    /** {@code openat(dfd, path, flags, mode)}; mode only matters with O_CREAT. Returns the new fd. */
    int openat(int dfd, RawString path, int flags, int mode);

    /** {@code openat(AT_FDCWD, path, flags, 0)}. */
    default int open(RawString path, int flags) {
        return openat(AtFlags.AT_FDCWD, path, flags, 0);
    }

    /** {@code close(fd)}. */
    void close(int fd);

    /** {@code fsopen(fstype, flags)}: a filesystem context fd; flags FSOPEN_CLOEXEC or 0. */
    int fsopen(String fstype, int flags);

    /**
     * {@code fsconfig(fd, cmd, key, value, aux)}; cmd from {@link FsContextFlags}. {@code key} and
     * {@code value} may be null, as for FSCONFIG_CMD_CREATE.
     */
    void fsconfig(int fd, int cmd, String key, RawString value, int aux);

    /**
     * {@code fsmount(fd, flags, attrs)}: a detached mount of the context's superblock; attrs from
     * {@link MountAttrFlags}. Returns the mount fd.
     */
    int fsmount(int fd, int flags, int attrs);

    /** {@code mkdirat(dfd, path, mode)}. */
    void mkdirat(int dfd, RawString path, int mode);

    /**
     * Creates an empty regular file: {@code openat(dfd, path, O_CREAT|O_EXCL|O_WRONLY|O_CLOEXEC,
     * mode)} then {@code close}; a bind mount of a file needs a file to land on.
     */
    default void createFile(int dfd, RawString path, int mode) {
        close(openat(dfd, path, OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY | OpenFlags.O_CLOEXEC, mode));
    }

    /** {@code unlinkat(dfd, path, flags)}; AT_REMOVEDIR removes a directory. */
    void unlinkat(int dfd, RawString path, int flags);

    /**
     * {@code renameat2(olddfd, oldpath, newdfd, newpath, flags)}; flags from {@link RenameFlags}
     * ({@code RENAME_NOREPLACE} fails with EEXIST instead of replacing, {@code RENAME_EXCHANGE}
     * swaps the two names atomically).
     */
    void renameat2(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags);

    /**
     * {@code statx(dfd, path, flags, STATX_BASIC_STATS|STATX_MNT_ID, &buf)}; with
     * {@code AT_EMPTY_PATH} and an empty path it describes {@code dfd} itself.
     */
    FileStat statx(int dfd, RawString path, int flags);

    /** {@code readlink(path, buf, size)}, e.g. {@code mnt:[4026531841]} for a namespace file. */
    RawString readlink(RawString path);

    // File calls: for plugins that copy a filesystem's content into or out of an image. Default
    // methods, so an implementation made for the mount calls alone still compiles; it refuses them.

    /**
     * {@code mknodat(dfd, path, mode, makedev(major, minor))}: a device node, fifo or socket;
     * {@code mode} holds the file type bits ({@link FileAttributes#S_IFCHR}…) and the permissions.
     */
    default void mknodat(int dfd, RawString path, int mode, int major, int minor) {
        throw unsupported("mknodat");
    }

    /** {@code fchownat(dfd, path, uid, gid, flags)}; flags AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
    default void fchownat(int dfd, RawString path, int uid, int gid, int flags) {
        throw unsupported("fchownat");
    }

    /** {@code fchmodat(dfd, path, mode, 0)}: follows a final symlink, so never give it one. */
    default void fchmodat(int dfd, RawString path, int mode) {
        throw unsupported("fchmodat");
    }

    /**
     * {@code utimensat(dfd, path, {atime, mtime}, flags)} to the nanosecond; flags
     * AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH.
     */
    default void utimensat(int dfd, RawString path, FileAttributes.FileTime atime, FileAttributes.FileTime mtime,
                           int flags) {
        throw unsupported("utimensat");
    }

    /** {@code symlinkat(target, dfd, path)}. */
    default void symlinkat(RawString target, int dfd, RawString path) {
        throw unsupported("symlinkat");
    }

    /** {@code linkat(oldDfd, oldPath, newDfd, newPath, flags)}: a hard link; flags AT_EMPTY_PATH, AT_SYMLINK_FOLLOW. */
    default void linkat(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags) {
        throw unsupported("linkat");
    }

    /** {@code readlinkat(dfd, path, buf, size)}: a symlink's target, as bytes. */
    default RawString readlinkat(int dfd, RawString path) {
        throw unsupported("readlinkat");
    }

    /**
     * {@code lsetxattr(path, name, value, size, 0)}: an extended attribute of the file itself, a
     * symlink's included. Path-based because an O_PATH fd takes no xattr calls: give a path like
     * {@code /proc/self/fd/N/NAME}, whose directory was resolved safely into fd N.
     */
    default void lsetxattr(RawString path, String name, byte[] value) {
        throw unsupported("lsetxattr");
    }

    /** {@code llistxattr(path, list, size)}: the names of the file's extended attributes the caller may read. */
    default java.util.List<String> llistxattr(RawString path) {
        throw unsupported("llistxattr");
    }

    /** {@code lgetxattr(path, name, value, size)}. */
    default byte[] lgetxattr(RawString path, String name) {
        throw unsupported("lgetxattr");
    }

    /** {@code lseek(fd, offset, whence)}; whence 3 (SEEK_DATA) and 4 (SEEK_HOLE) find a sparse file's data. */
    default long lseek(int fd, long offset, int whence) {
        throw unsupported("lseek");
    }

    /** Every name in the directory open on {@code fd} but {@code .} and {@code ..}, by repeated {@code getdents64}. */
    default java.util.List<DirectoryEntry> getdents64(int fd) {
        throw unsupported("getdents64");
    }

    /** {@code statx(dfd, path, flags, STATX_BASIC_STATS, &buf)}, all of it. */
    default FileAttributes attributes(int dfd, RawString path, int flags) {
        throw unsupported("statx");
    }

    private UnsupportedOperationException unsupported(String call) {
        return new UnsupportedOperationException(call + " is not implemented by " + getClass().getName());
    }

    /** {@code gettid()}: the calling thread's Linux id, for {@code /proc/<tid>/...}. Cannot fail. */
    int gettid();
}
