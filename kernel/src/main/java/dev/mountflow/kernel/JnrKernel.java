package dev.mountflow.kernel;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.DirectoryEntry;
import dev.mountflow.spi.FileAttributes;
import dev.mountflow.spi.FileAttributes.FileTime;
import dev.mountflow.spi.FileStat;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MountAttrFlags;
import dev.mountflow.spi.NativeCall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import jnr.ffi.LibraryLoader;

/**
 * {@link Kernel} on libc through JNR-FFI: converts arguments, makes the call, and on failure reads
 * errno once, straight away, before anything else can overwrite it.
 *
 * <p>Loading binds symbols lazily, so a libc without one of the newer wrappers still loads; the
 * call then throws {@link UnsatisfiedLinkError}, which {@link FeatureProbe} reports.
 */
public final class JnrKernel implements Kernel {
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_MNT_ID = 0x1000;
    private static final long STATX_ATTR_MOUNT_ROOT = 0x2000;
    private static final int STATX_SIZE = 256;
    private static final int PATH_MAX = 4096;
    private static final long OPEN_HOW_SIZE = 24;
    private static final int DIRENT_BUFFER = 32 * 1024;
    private static final int ERANGE = 34;
    private static final RawString DOT = RawString.of(".");
    private static final RawString DOT_DOT = RawString.of("..");

    private final LibMount lib;
    private final jnr.ffi.Runtime runtime;
    private final SyscallNumbers syscalls;

    private JnrKernel(LibMount lib, SyscallNumbers syscalls) {
        this.lib = lib;
        this.runtime = jnr.ffi.Runtime.getRuntime(lib);
        this.syscalls = syscalls;
    }

    /** Binds libc; one instance serves every thread. */
    public static JnrKernel load() {
        NativeStubLocation.ensureOutsideTmp();
        return new JnrKernel(LibraryLoader.create(LibMount.class).load("c"), SyscallNumbers.forThisMachine());
    }

    LibMount lib() {
        return lib;
    }

    @Override
    public void mount(RawString source, RawString target, String fstype, long flags, RawString data) {
        check(lib.mount(CString.of(source), CString.of(target), CString.of(fstype), flags, CString.of(data)),
                () -> NativeCall.mount(source, target, fstype, flags, data));
    }

    @Override
    public void umount2(RawString target, int flags) {
        check(lib.umount2(CString.of(target), flags), () -> NativeCall.umount2(target, flags));
    }

    @Override
    public void unshare(int flags) {
        check(lib.unshare(flags), () -> NativeCall.unshare(flags));
    }

    @Override
    public void setns(int fd, int nstype) {
        check(lib.setns(fd, nstype), () -> NativeCall.setns(fd, nstype));
    }

    @Override
    public void pivotRoot(RawString newRoot, RawString putOld) {
        check(lib.syscall(syscalls.pivotRoot(), CString.of(newRoot), CString.of(putOld)),
                () -> NativeCall.pivotRoot(newRoot, putOld));
    }

    @Override
    public int openTree(int dfd, RawString path, int flags) {
        return check(lib.open_tree(dfd, CString.of(path), flags), () -> NativeCall.openTree(dfd, path, flags));
    }

    @Override
    public void moveMount(int fromDfd, RawString fromPath, int toDfd, RawString toPath, int flags) {
        check(lib.move_mount(fromDfd, CString.of(fromPath), toDfd, CString.of(toPath), flags),
                () -> NativeCall.moveMount(fromDfd, fromPath, toDfd, toPath, flags));
    }

    @Override
    public void mountSetattr(int dfd, RawString path, int flags, long attrSet, long attrClr, long propagation,
                             long userns) {
        long[] attr = {attrSet, attrClr, propagation, userns};
        check(lib.mount_setattr(dfd, CString.of(path), flags, attr, MountAttrFlags.MOUNT_ATTR_SIZE_VER0),
                () -> NativeCall.mountSetattr(dfd, path, flags, attrSet, attrClr, propagation, userns));
    }

    @Override
    public int openat2(int dfd, RawString path, long flags, long mode, long resolve) {
        long[] how = {flags, mode, resolve};
        return check(lib.syscall(syscalls.openat2(), dfd, CString.of(path), how, OPEN_HOW_SIZE),
                () -> NativeCall.openat2(dfd, path, flags, mode, resolve));
    }

    @Override
    public int openat(int dfd, RawString path, int flags, int mode) {
        return check(lib.openat(dfd, CString.of(path), flags, mode), () -> NativeCall.openat(dfd, path, flags, mode));
    }

    @Override
    public long[] getrlimit(int resource) {
        long[] limits = new long[2];
        check(lib.getrlimit(resource, limits), () -> NativeCall.getrlimit(resource));
        return limits;
    }

    @Override
    public void setrlimit(int resource, long soft, long hard) {
        check(lib.setrlimit(resource, new long[] {soft, hard}), () -> NativeCall.setrlimit(resource, soft, hard));
    }

    @Override
    public void fchdir(int fd) {
        check(lib.fchdir(fd), () -> NativeCall.fchdir(fd));
    }

    @Override
    public void chdir(RawString path) {
        check(lib.chdir(CString.of(path)), () -> NativeCall.chdir(path));
    }

    @Override
    public void close(int fd) {
        check(lib.close(fd), () -> NativeCall.close(fd));
    }

    @Override
    public int fsopen(String fstype, int flags) {
        return check(lib.fsopen(CString.of(fstype), flags), () -> NativeCall.fsopen(fstype, flags));
    }

    @Override
    public void fsconfig(int fd, int cmd, String key, RawString value, int aux) {
        check(lib.fsconfig(fd, cmd, CString.of(key), CString.of(value), aux),
                () -> NativeCall.fsconfig(fd, cmd, key, value, aux));
    }

    @Override
    public int fsmount(int fd, int flags, int attrs) {
        return check(lib.fsmount(fd, flags, attrs), () -> NativeCall.fsmount(fd, flags, attrs));
    }

    @Override
    public void mkdirat(int dfd, RawString path, int mode) {
        check(lib.mkdirat(dfd, CString.of(path), mode), () -> NativeCall.mkdirat(dfd, path, mode));
    }

    @Override
    public void unlinkat(int dfd, RawString path, int flags) {
        check(lib.unlinkat(dfd, CString.of(path), flags), () -> NativeCall.unlinkat(dfd, path, flags));
    }

    @Override
    public void renameat2(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags) {
        check(lib.renameat2(oldDfd, CString.of(oldPath), newDfd, CString.of(newPath), flags),
                () -> NativeCall.renameat2(oldDfd, oldPath, newDfd, newPath, flags));
    }

    @Override
    public FileStat statx(int dfd, RawString path, int flags) {
        byte[] buf = new byte[STATX_SIZE];
        check(lib.statx(dfd, CString.of(path), flags, STATX_BASIC_STATS | STATX_MNT_ID, buf),
                () -> NativeCall.statx(dfd, path, flags));
        // Offsets of struct statx in <linux/stat.h>.
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        boolean hasMountId = (b.getInt(0x00) & STATX_MNT_ID) != 0;
        long attributes = b.getLong(0x08);
        long attributesMask = b.getLong(0x38);
        return new FileStat(hasMountId ? b.getLong(0x90) : -1, b.getInt(0x88), b.getInt(0x8c), b.getLong(0x20),
                Short.toUnsignedInt(b.getShort(0x1c)), (attributes & STATX_ATTR_MOUNT_ROOT) != 0,
                (attributesMask & STATX_ATTR_MOUNT_ROOT) != 0);
    }

    @Override
    public RawString readlink(RawString path) {
        byte[] cpath = CString.of(path);
        for (int size = PATH_MAX; ; size *= 2) {
            byte[] buf = new byte[size];
            int n = check(lib.readlink(cpath, buf, size), () -> NativeCall.readlink(path));
            // readlink truncates silently; a full buffer may be a cut-off target.
            if (n < size) {
                return RawString.of(Arrays.copyOf(buf, n));
            }
        }
    }

    @Override
    public void mknodat(int dfd, RawString path, int mode, int major, int minor) {
        check(lib.mknodat(dfd, CString.of(path), mode, makedev(major, minor)),
                () -> NativeCall.mknodat(dfd, path, mode, major, minor));
    }

    /** glibc's {@code makedev}: the 64-bit dev_t layout. */
    private static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    @Override
    public void fchownat(int dfd, RawString path, int uid, int gid, int flags) {
        check(lib.fchownat(dfd, CString.of(path), uid, gid, flags), () -> NativeCall.fchownat(dfd, path, uid, gid, flags));
    }

    @Override
    public void fchmodat(int dfd, RawString path, int mode) {
        check(lib.fchmodat(dfd, CString.of(path), mode, 0), () -> NativeCall.fchmodat(dfd, path, mode));
    }

    @Override
    public void utimensat(int dfd, RawString path, FileTime atime, FileTime mtime, int flags) {
        long[] times = {atime.seconds(), atime.nanos(), mtime.seconds(), mtime.nanos()};
        check(lib.utimensat(dfd, CString.of(path), times, flags), () -> NativeCall.utimensat(dfd, path, atime, mtime, flags));
    }

    @Override
    public void symlinkat(RawString target, int dfd, RawString path) {
        check(lib.symlinkat(CString.of(target), dfd, CString.of(path)), () -> NativeCall.symlinkat(target, dfd, path));
    }

    @Override
    public void linkat(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags) {
        check(lib.linkat(oldDfd, CString.of(oldPath), newDfd, CString.of(newPath), flags),
                () -> NativeCall.linkat(oldDfd, oldPath, newDfd, newPath, flags));
    }

    @Override
    public RawString readlinkat(int dfd, RawString path) {
        byte[] cpath = CString.of(path);
        for (int size = PATH_MAX; ; size *= 2) {
            byte[] buf = new byte[size];
            int n = check(lib.readlinkat(dfd, cpath, buf, size), () -> NativeCall.readlinkat(dfd, path));
            if (n < size) {
                return RawString.of(Arrays.copyOf(buf, n));
            }
        }
    }

    @Override
    public void lsetxattr(RawString path, String name, byte[] value) {
        check(lib.lsetxattr(CString.of(path), CString.of(name), value, value.length, 0),
                () -> NativeCall.lsetxattr(path, name, value.length));
    }

    @Override
    public List<String> llistxattr(RawString path) {
        byte[] cpath = CString.of(path);
        while (true) {
            int size = check(lib.llistxattr(cpath, null, 0), () -> NativeCall.llistxattr(path));
            byte[] buf = new byte[Math.max(size, 1)];
            long n = lib.llistxattr(cpath, buf, buf.length);
            if (n < 0 && runtime.getLastError() == ERANGE) {
                continue; // an attribute was added since the size was asked
            }
            int got = check(n, () -> NativeCall.llistxattr(path));
            List<String> names = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < got; i++) {
                if (buf[i] == 0) {
                    names.add(new String(buf, from, i - from, StandardCharsets.UTF_8));
                    from = i + 1;
                }
            }
            return names;
        }
    }

    @Override
    public byte[] lgetxattr(RawString path, String name) {
        byte[] cpath = CString.of(path);
        byte[] cname = CString.of(name);
        while (true) {
            int size = check(lib.lgetxattr(cpath, cname, null, 0), () -> NativeCall.lgetxattr(path, name));
            byte[] buf = new byte[Math.max(size, 1)];
            long n = lib.lgetxattr(cpath, cname, buf, buf.length);
            if (n < 0 && runtime.getLastError() == ERANGE) {
                continue;
            }
            return Arrays.copyOf(buf, check(n, () -> NativeCall.lgetxattr(path, name)));
        }
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        long rc = lib.lseek(fd, offset, whence);
        if (rc < 0) {
            throw NativeCall.lseek(fd, offset, whence).failed(runtime.getLastError());
        }
        return rc;
    }

    @Override
    public List<DirectoryEntry> getdents64(int fd) {
        List<DirectoryEntry> out = new ArrayList<>();
        byte[] buf = new byte[DIRENT_BUFFER];
        while (true) {
            int n = check(lib.getdents64(fd, buf, buf.length), () -> NativeCall.getdents64(fd));
            if (n == 0) {
                return out;
            }
            // struct linux_dirent64 {u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[];}
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n).order(ByteOrder.nativeOrder());
            for (int at = 0; at < n; ) {
                long inode = b.getLong(at);
                int length = Short.toUnsignedInt(b.getShort(at + 16));
                int type = Byte.toUnsignedInt(b.get(at + 18));
                int nameEnd = at + 19;
                while (buf[nameEnd] != 0) {
                    nameEnd++;
                }
                RawString name = RawString.of(buf, at + 19, nameEnd);
                if (!name.equals(DOT) && !name.equals(DOT_DOT)) {
                    out.add(new DirectoryEntry(name, inode, type));
                }
                at += length;
            }
        }
    }

    @Override
    public FileAttributes attributes(int dfd, RawString path, int flags) {
        byte[] buf = new byte[STATX_SIZE];
        check(lib.statx(dfd, CString.of(path), flags, STATX_BASIC_STATS, buf), () -> NativeCall.statx(dfd, path, flags));
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        return new FileAttributes(Short.toUnsignedInt(b.getShort(0x1c)), b.getInt(0x14), b.getInt(0x18),
                Integer.toUnsignedLong(b.getInt(0x10)), b.getLong(0x20), b.getLong(0x28), b.getLong(0x30),
                time(b, 0x40), time(b, 0x70), time(b, 0x60), b.getInt(0x80), b.getInt(0x84),
                b.getInt(0x88), b.getInt(0x8c));
    }

    // struct statx_timestamp {__s64 tv_sec; __u32 tv_nsec; __s32 __reserved;}
    private static FileTime time(ByteBuffer b, int at) {
        return new FileTime(b.getLong(at), b.getInt(at + 8));
    }

    @Override
    public int gettid() {
        return lib.gettid();
    }

    private int check(long rc, Supplier<NativeCall> call) {
        if (rc < 0) {
            int errno = runtime.getLastError();
            throw call.get().failed(errno);
        }
        return (int) rc;
    }
}
