package dev.mountflow.kernel;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.DirectoryEntry;
import dev.mountflow.spi.FileAttributes;
import dev.mountflow.spi.FileAttributes.FileTime;
import dev.mountflow.spi.FileStat;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NativeCall;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link Kernel} that passes every call on to another, first showing it to
 * {@link #beforeCall} and then its outcome to {@link #afterCall}: the one interception point for
 * counting, tracing and fault injection. {@code gettid} cannot fail and is passed on unseen.
 */
public abstract class ForwardingKernel implements Kernel {
    private final Kernel delegate;

    protected ForwardingKernel(Kernel delegate) {
        this.delegate = delegate;
    }

    /**
     * Sees each call before the delegate makes it. Throwing (normally {@code call.failed(errno)})
     * stands in for the kernel refusing: the delegate is then not called.
     */
    protected abstract void beforeCall(NativeCall call);

    /**
     * Sees each call the delegate made, with what it returned (an fd, a count, a value; null for
     * a call without a result) or the exception it threw, which is thrown on unchanged. Not
     * called when {@link #beforeCall} threw.
     */
    protected void afterCall(NativeCall call, Object result, RuntimeException failure) {
    }

    /**
     * Whether {@link #beforeCall} and {@link #afterCall} need each call described. When false,
     * only {@link #counted} sees calls, by kind, and no {@link NativeCall} is built: a restore
     * makes tens of thousands of calls, and describing each cost more allocation than the
     * engine's own work (measured: about a fifth of a 10,000-mount restore's garbage).
     */
    protected boolean describesCalls() {
        return true;
    }

    /** Sees the kind of each call while {@link #describesCalls} is false, before it is made. */
    protected void counted(KernelCall kind) {
    }

    /** Makes a call of {@code kind} through {@code op}, shown (as {@code describe} gives it) to the hooks. */
    private <T> T call(KernelCall kind, Supplier<NativeCall> describe, Supplier<T> op) {
        if (!describesCalls()) {
            counted(kind);
            return op.get();
        }
        NativeCall call = describe.get();
        beforeCall(call);
        T result;
        try {
            result = op.get();
        } catch (RuntimeException e) {
            afterCall(call, null, e);
            throw e;
        }
        afterCall(call, result, null);
        return result;
    }

    /** As {@link #call}, for a call without a result. */
    private void run(KernelCall kind, Supplier<NativeCall> describe, Runnable op) {
        call(kind, describe, () -> {
            op.run();
            return null;
        });
    }

    @Override
    public void mount(RawString source, RawString target, String fstype, long flags, RawString data) {
        run(KernelCall.MOUNT, () -> NativeCall.mount(source, target, fstype, flags, data), () -> delegate.mount(source, target, fstype, flags, data));
    }

    @Override
    public void umount2(RawString target, int flags) {
        run(KernelCall.UMOUNT2, () -> NativeCall.umount2(target, flags), () -> delegate.umount2(target, flags));
    }

    @Override
    public void unshare(int flags) {
        run(KernelCall.UNSHARE, () -> NativeCall.unshare(flags), () -> delegate.unshare(flags));
    }

    @Override
    public void setns(int fd, int nstype) {
        run(KernelCall.SETNS, () -> NativeCall.setns(fd, nstype), () -> delegate.setns(fd, nstype));
    }

    @Override
    public void pivotRoot(RawString newRoot, RawString putOld) {
        run(KernelCall.PIVOT_ROOT, () -> NativeCall.pivotRoot(newRoot, putOld), () -> delegate.pivotRoot(newRoot, putOld));
    }

    @Override
    public int openTree(int dfd, RawString path, int flags) {
        return call(KernelCall.OPEN_TREE, () -> NativeCall.openTree(dfd, path, flags), () -> delegate.openTree(dfd, path, flags));
    }

    @Override
    public void moveMount(int fromDfd, RawString fromPath, int toDfd, RawString toPath, int flags) {
        run(KernelCall.MOVE_MOUNT, () -> NativeCall.moveMount(fromDfd, fromPath, toDfd, toPath, flags), () -> delegate.moveMount(fromDfd, fromPath, toDfd, toPath, flags));
    }

    @Override
    public void mountSetattr(int dfd, RawString path, int flags, long attrSet, long attrClr, long propagation,
                             long userns) {
        run(KernelCall.MOUNT_SETATTR, () -> NativeCall.mountSetattr(dfd, path, flags, attrSet, attrClr, propagation, userns), () -> delegate.mountSetattr(dfd, path, flags, attrSet, attrClr, propagation, userns));
    }

    @Override
    public int openat2(int dfd, RawString path, long flags, long mode, long resolve) {
        return call(KernelCall.OPENAT2, () -> NativeCall.openat2(dfd, path, flags, mode, resolve), () -> delegate.openat2(dfd, path, flags, mode, resolve));
    }

    @Override
    public int openat(int dfd, RawString path, int flags, int mode) {
        return call(KernelCall.OPENAT, () -> NativeCall.openat(dfd, path, flags, mode), () -> delegate.openat(dfd, path, flags, mode));
    }

    @Override
    public void close(int fd) {
        run(KernelCall.CLOSE, () -> NativeCall.close(fd), () -> delegate.close(fd));
    }

    @Override
    public int fsopen(String fstype, int flags) {
        return call(KernelCall.FSOPEN, () -> NativeCall.fsopen(fstype, flags), () -> delegate.fsopen(fstype, flags));
    }

    @Override
    public void fsconfig(int fd, int cmd, String key, RawString value, int aux) {
        run(KernelCall.FSCONFIG, () -> NativeCall.fsconfig(fd, cmd, key, value, aux), () -> delegate.fsconfig(fd, cmd, key, value, aux));
    }

    @Override
    public int fsmount(int fd, int flags, int attrs) {
        return call(KernelCall.FSMOUNT, () -> NativeCall.fsmount(fd, flags, attrs), () -> delegate.fsmount(fd, flags, attrs));
    }

    @Override
    public void mkdirat(int dfd, RawString path, int mode) {
        run(KernelCall.MKDIRAT, () -> NativeCall.mkdirat(dfd, path, mode), () -> delegate.mkdirat(dfd, path, mode));
    }

    @Override
    public void unlinkat(int dfd, RawString path, int flags) {
        run(KernelCall.UNLINKAT, () -> NativeCall.unlinkat(dfd, path, flags), () -> delegate.unlinkat(dfd, path, flags));
    }

    @Override
    public void renameat2(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags) {
        run(KernelCall.RENAMEAT2, () -> NativeCall.renameat2(oldDfd, oldPath, newDfd, newPath, flags), () -> delegate.renameat2(oldDfd, oldPath, newDfd, newPath, flags));
    }

    @Override
    public FileStat statx(int dfd, RawString path, int flags) {
        return call(KernelCall.STATX, () -> NativeCall.statx(dfd, path, flags), () -> delegate.statx(dfd, path, flags));
    }

    @Override
    public long[] getrlimit(int resource) {
        return call(KernelCall.GETRLIMIT, () -> NativeCall.getrlimit(resource), () -> delegate.getrlimit(resource));
    }

    @Override
    public void setrlimit(int resource, long soft, long hard) {
        run(KernelCall.SETRLIMIT, () -> NativeCall.setrlimit(resource, soft, hard), () -> delegate.setrlimit(resource, soft, hard));
    }

    @Override
    public void fchdir(int fd) {
        run(KernelCall.FCHDIR, () -> NativeCall.fchdir(fd), () -> delegate.fchdir(fd));
    }

    @Override
    public void chdir(RawString path) {
        run(KernelCall.CHDIR, () -> NativeCall.chdir(path), () -> delegate.chdir(path));
    }

    @Override
    public RawString readlink(RawString path) {
        return call(KernelCall.READLINK, () -> NativeCall.readlink(path), () -> delegate.readlink(path));
    }

    @Override
    public void mknodat(int dfd, RawString path, int mode, int major, int minor) {
        run(KernelCall.MKNODAT, () -> NativeCall.mknodat(dfd, path, mode, major, minor), () -> delegate.mknodat(dfd, path, mode, major, minor));
    }

    @Override
    public void fchownat(int dfd, RawString path, int uid, int gid, int flags) {
        run(KernelCall.FCHOWNAT, () -> NativeCall.fchownat(dfd, path, uid, gid, flags), () -> delegate.fchownat(dfd, path, uid, gid, flags));
    }

    @Override
    public void fchmodat(int dfd, RawString path, int mode) {
        run(KernelCall.FCHMODAT, () -> NativeCall.fchmodat(dfd, path, mode), () -> delegate.fchmodat(dfd, path, mode));
    }

    @Override
    public void utimensat(int dfd, RawString path, FileTime atime, FileTime mtime, int flags) {
        run(KernelCall.UTIMENSAT, () -> NativeCall.utimensat(dfd, path, atime, mtime, flags), () -> delegate.utimensat(dfd, path, atime, mtime, flags));
    }

    @Override
    public void symlinkat(RawString target, int dfd, RawString path) {
        run(KernelCall.SYMLINKAT, () -> NativeCall.symlinkat(target, dfd, path), () -> delegate.symlinkat(target, dfd, path));
    }

    @Override
    public void linkat(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags) {
        run(KernelCall.LINKAT, () -> NativeCall.linkat(oldDfd, oldPath, newDfd, newPath, flags), () -> delegate.linkat(oldDfd, oldPath, newDfd, newPath, flags));
    }

    @Override
    public RawString readlinkat(int dfd, RawString path) {
        return call(KernelCall.READLINKAT, () -> NativeCall.readlinkat(dfd, path), () -> delegate.readlinkat(dfd, path));
    }

    @Override
    public void lsetxattr(RawString path, String name, byte[] value) {
        run(KernelCall.LSETXATTR, () -> NativeCall.lsetxattr(path, name, value.length), () -> delegate.lsetxattr(path, name, value));
    }

    @Override
    public List<String> llistxattr(RawString path) {
        return call(KernelCall.LLISTXATTR, () -> NativeCall.llistxattr(path), () -> delegate.llistxattr(path));
    }

    @Override
    public byte[] lgetxattr(RawString path, String name) {
        return call(KernelCall.LGETXATTR, () -> NativeCall.lgetxattr(path, name), () -> delegate.lgetxattr(path, name));
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        return call(KernelCall.LSEEK, () -> NativeCall.lseek(fd, offset, whence), () -> delegate.lseek(fd, offset, whence));
    }

    @Override
    public List<DirectoryEntry> getdents64(int fd) {
        return call(KernelCall.GETDENTS64, () -> NativeCall.getdents64(fd), () -> delegate.getdents64(fd));
    }

    @Override
    public FileAttributes attributes(int dfd, RawString path, int flags) {
        return call(KernelCall.STATX, () -> NativeCall.statx(dfd, path, flags), () -> delegate.attributes(dfd, path, flags));
    }

    @Override
    public int gettid() {
        return delegate.gettid();
    }
}
