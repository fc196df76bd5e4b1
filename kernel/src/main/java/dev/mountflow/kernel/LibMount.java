package dev.mountflow.kernel;

import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Variadic;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The raw libc binding, one method per C function with C's names; use {@link JnrKernel}.
 *
 * <p>Paths are NUL-terminated {@code byte[]} ({@link CString}) so that bytes that are not UTF-8
 * reach the kernel unchanged; a null array is passed as NULL. Structs the kernel only reads
 * ({@code struct mount_attr}, {@code struct open_how}) are {@code long[]} in native byte order,
 * which is their exact layout: every field is a {@code __u64}. jnr saves errno after every
 * method not marked {@link IgnoreError}.
 */
public interface LibMount {

    // int mount(const char *source, const char *target, const char *filesystemtype,
    //           unsigned long mountflags, const void *data);
    int mount(@In byte[] source, @In byte[] target, @In byte[] filesystemtype, long mountflags, @In byte[] data);

    // int umount2(const char *target, int flags);
    int umount2(@In byte[] target, int flags);

    // int unshare(int flags);
    int unshare(int flags);

    // int setns(int fd, int nstype);
    int setns(int fd, int nstype);

    // int open_tree(int dfd, const char *filename, unsigned int flags);
    int open_tree(int dfd, @In byte[] filename, int flags);

    // int move_mount(int from_dfd, const char *from_pathname, int to_dfd, const char *to_pathname,
    //                unsigned int flags);
    int move_mount(int from_dfd, @In byte[] from_pathname, int to_dfd, @In byte[] to_pathname, int flags);

    // int mount_setattr(int dfd, const char *path, unsigned int flags, struct mount_attr *uattr,
    //                   size_t usize);
    int mount_setattr(int dfd, @In byte[] path, int flags, @In long[] uattr, @size_t long usize);

    // int fsopen(const char *fs_name, unsigned int flags);
    int fsopen(@In byte[] fs_name, int flags);

    // int fsconfig(int fd, unsigned int cmd, const char *key, const void *value, int aux);
    int fsconfig(int fd, int cmd, @In byte[] key, @In byte[] value, int aux);

    // int fsmount(int fd, unsigned int flags, unsigned int attr_flags);
    int fsmount(int fd, int flags, int attr_flags);

    // int openat(int dirfd, const char *pathname, int flags, ... /* mode_t mode */);
    @Variadic(fixedCount = 3)
    int openat(int dirfd, @In byte[] pathname, int flags, int mode);

    // int getrlimit(int resource, struct rlimit *rlim);
    int getrlimit(int resource, @Out long[] rlim);

    // int setrlimit(int resource, const struct rlimit *rlim);
    int setrlimit(int resource, @In long[] rlim);

    // int fchdir(int fd);
    int fchdir(int fd);

    // int chdir(const char *path);
    int chdir(@In byte[] path);

    // int close(int fd);
    int close(int fd);

    // int mkdirat(int dirfd, const char *pathname, mode_t mode);
    int mkdirat(int dirfd, @In byte[] pathname, int mode);

    // int unlinkat(int dirfd, const char *pathname, int flags);
    int unlinkat(int dirfd, @In byte[] pathname, int flags);

    // int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
    //               unsigned int flags);
    int renameat2(int olddirfd, @In byte[] oldpath, int newdirfd, @In byte[] newpath, int flags);

    // int statx(int dirfd, const char *pathname, int flags, unsigned int mask,
    //           struct statx *statxbuf);
    int statx(int dirfd, @In byte[] pathname, int flags, int mask, @Out byte[] statxbuf);

    // ssize_t readlink(const char *pathname, char *buf, size_t bufsiz);
    @ssize_t long readlink(@In byte[] pathname, @Out byte[] buf, @size_t long bufsiz);

    // int mknodat(int dirfd, const char *pathname, mode_t mode, dev_t dev);
    int mknodat(int dirfd, @In byte[] pathname, int mode, long dev);

    // int fchownat(int dirfd, const char *pathname, uid_t owner, gid_t group, int flags);
    int fchownat(int dirfd, @In byte[] pathname, int owner, int group, int flags);

    // int fchmodat(int dirfd, const char *pathname, mode_t mode, int flags);
    int fchmodat(int dirfd, @In byte[] pathname, int mode, int flags);

    // int utimensat(int dirfd, const char *pathname, const struct timespec times[2], int flags);
    int utimensat(int dirfd, @In byte[] pathname, @In long[] times, int flags);

    // int symlinkat(const char *target, int newdirfd, const char *linkpath);
    int symlinkat(@In byte[] target, int newdirfd, @In byte[] linkpath);

    // int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
    int linkat(int olddirfd, @In byte[] oldpath, int newdirfd, @In byte[] newpath, int flags);

    // ssize_t readlinkat(int dirfd, const char *pathname, char *buf, size_t bufsiz);
    @ssize_t long readlinkat(int dirfd, @In byte[] pathname, @Out byte[] buf, @size_t long bufsiz);

    // int lsetxattr(const char *path, const char *name, const void *value, size_t size, int flags);
    int lsetxattr(@In byte[] path, @In byte[] name, @In byte[] value, @size_t long size, int flags);

    // ssize_t llistxattr(const char *path, char *list, size_t size);
    @ssize_t long llistxattr(@In byte[] path, @Out byte[] list, @size_t long size);

    // ssize_t lgetxattr(const char *path, const char *name, void *value, size_t size);
    @ssize_t long lgetxattr(@In byte[] path, @In byte[] name, @Out byte[] value, @size_t long size);

    // off_t lseek(int fd, off_t offset, int whence);
    long lseek(int fd, long offset, int whence);

    // ssize_t getdents64(int fd, void *dirp, size_t count);
    @ssize_t long getdents64(int fd, @Out byte[] dirp, @size_t long count);

    // pid_t gettid(void);
    @IgnoreError
    int gettid();

    // long syscall(long number, ...);  here: syscall(SYS_pivot_root, const char *new_root,
    //                                                 const char *put_old)
    @Variadic(fixedCount = 1)
    long syscall(long number, @In byte[] newRoot, @In byte[] putOld);

    // long syscall(long number, ...);  here: syscall(SYS_openat2, int dfd, const char *path,
    //                                                 struct open_how *how, size_t size)
    @Variadic(fixedCount = 1)
    long syscall(long number, long dfd, @In byte[] path, @In long[] how, long size);

    // char *strerror(int errnum);
    @IgnoreError
    String strerror(int errnum);
}
