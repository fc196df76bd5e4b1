package dev.mountflow.kernel;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.DirectoryEntry;
import dev.mountflow.spi.FileAttributes;
import dev.mountflow.spi.FileAttributes.FileTime;
import dev.mountflow.spi.FileStat;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCall;
import java.util.List;

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

    @Override
    public void mount(RawString source, RawString target, String fstype, long flags, RawString data) {
        NativeCall c = NativeCall.mount(source, target, fstype, flags, data);
        beforeCall(c);
        try {
            delegate.mount(source, target, fstype, flags, data);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void umount2(RawString target, int flags) {
        NativeCall c = NativeCall.umount2(target, flags);
        beforeCall(c);
        try {
            delegate.umount2(target, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void unshare(int flags) {
        NativeCall c = NativeCall.unshare(flags);
        beforeCall(c);
        try {
            delegate.unshare(flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void setns(int fd, int nstype) {
        NativeCall c = NativeCall.setns(fd, nstype);
        beforeCall(c);
        try {
            delegate.setns(fd, nstype);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void pivotRoot(RawString newRoot, RawString putOld) {
        NativeCall c = NativeCall.pivotRoot(newRoot, putOld);
        beforeCall(c);
        try {
            delegate.pivotRoot(newRoot, putOld);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public int openTree(int dfd, RawString path, int flags) {
        NativeCall c = NativeCall.openTree(dfd, path, flags);
        beforeCall(c);
        int result;
        try {
            result = delegate.openTree(dfd, path, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public void moveMount(int fromDfd, RawString fromPath, int toDfd, RawString toPath, int flags) {
        NativeCall c = NativeCall.moveMount(fromDfd, fromPath, toDfd, toPath, flags);
        beforeCall(c);
        try {
            delegate.moveMount(fromDfd, fromPath, toDfd, toPath, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void mountSetattr(int dfd, RawString path, int flags, long attrSet, long attrClr, long propagation,
                             long userns) {
        NativeCall c = NativeCall.mountSetattr(dfd, path, flags, attrSet, attrClr, propagation, userns);
        beforeCall(c);
        try {
            delegate.mountSetattr(dfd, path, flags, attrSet, attrClr, propagation, userns);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public int openat2(int dfd, RawString path, long flags, long mode, long resolve) {
        NativeCall c = NativeCall.openat2(dfd, path, flags, mode, resolve);
        beforeCall(c);
        int result;
        try {
            result = delegate.openat2(dfd, path, flags, mode, resolve);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public int openat(int dfd, RawString path, int flags, int mode) {
        NativeCall c = NativeCall.openat(dfd, path, flags, mode);
        beforeCall(c);
        int result;
        try {
            result = delegate.openat(dfd, path, flags, mode);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public void close(int fd) {
        NativeCall c = NativeCall.close(fd);
        beforeCall(c);
        try {
            delegate.close(fd);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public int fsopen(String fstype, int flags) {
        NativeCall c = NativeCall.fsopen(fstype, flags);
        beforeCall(c);
        int result;
        try {
            result = delegate.fsopen(fstype, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public void fsconfig(int fd, int cmd, String key, RawString value, int aux) {
        NativeCall c = NativeCall.fsconfig(fd, cmd, key, value, aux);
        beforeCall(c);
        try {
            delegate.fsconfig(fd, cmd, key, value, aux);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public int fsmount(int fd, int flags, int attrs) {
        NativeCall c = NativeCall.fsmount(fd, flags, attrs);
        beforeCall(c);
        int result;
        try {
            result = delegate.fsmount(fd, flags, attrs);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public void mkdirat(int dfd, RawString path, int mode) {
        NativeCall c = NativeCall.mkdirat(dfd, path, mode);
        beforeCall(c);
        try {
            delegate.mkdirat(dfd, path, mode);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void unlinkat(int dfd, RawString path, int flags) {
        NativeCall c = NativeCall.unlinkat(dfd, path, flags);
        beforeCall(c);
        try {
            delegate.unlinkat(dfd, path, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void renameat2(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags) {
        NativeCall c = NativeCall.renameat2(oldDfd, oldPath, newDfd, newPath, flags);
        beforeCall(c);
        try {
            delegate.renameat2(oldDfd, oldPath, newDfd, newPath, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public FileStat statx(int dfd, RawString path, int flags) {
        NativeCall c = NativeCall.statx(dfd, path, flags);
        beforeCall(c);
        FileStat result;
        try {
            result = delegate.statx(dfd, path, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public long[] getrlimit(int resource) {
        NativeCall c = NativeCall.getrlimit(resource);
        beforeCall(c);
        long[] result;
        try {
            result = delegate.getrlimit(resource);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public void setrlimit(int resource, long soft, long hard) {
        NativeCall c = NativeCall.setrlimit(resource, soft, hard);
        beforeCall(c);
        try {
            delegate.setrlimit(resource, soft, hard);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void fchdir(int fd) {
        NativeCall c = NativeCall.fchdir(fd);
        beforeCall(c);
        try {
            delegate.fchdir(fd);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public RawString readlink(RawString path) {
        NativeCall c = NativeCall.readlink(path);
        beforeCall(c);
        RawString result;
        try {
            result = delegate.readlink(path);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public void mknodat(int dfd, RawString path, int mode, int major, int minor) {
        NativeCall c = NativeCall.mknodat(dfd, path, mode, major, minor);
        beforeCall(c);
        try {
            delegate.mknodat(dfd, path, mode, major, minor);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void fchownat(int dfd, RawString path, int uid, int gid, int flags) {
        NativeCall c = NativeCall.fchownat(dfd, path, uid, gid, flags);
        beforeCall(c);
        try {
            delegate.fchownat(dfd, path, uid, gid, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void fchmodat(int dfd, RawString path, int mode) {
        NativeCall c = NativeCall.fchmodat(dfd, path, mode);
        beforeCall(c);
        try {
            delegate.fchmodat(dfd, path, mode);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void utimensat(int dfd, RawString path, FileTime atime, FileTime mtime, int flags) {
        NativeCall c = NativeCall.utimensat(dfd, path, atime, mtime, flags);
        beforeCall(c);
        try {
            delegate.utimensat(dfd, path, atime, mtime, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void symlinkat(RawString target, int dfd, RawString path) {
        NativeCall c = NativeCall.symlinkat(target, dfd, path);
        beforeCall(c);
        try {
            delegate.symlinkat(target, dfd, path);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public void linkat(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags) {
        NativeCall c = NativeCall.linkat(oldDfd, oldPath, newDfd, newPath, flags);
        beforeCall(c);
        try {
            delegate.linkat(oldDfd, oldPath, newDfd, newPath, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public RawString readlinkat(int dfd, RawString path) {
        NativeCall c = NativeCall.readlinkat(dfd, path);
        beforeCall(c);
        RawString result;
        try {
            result = delegate.readlinkat(dfd, path);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public void lsetxattr(RawString path, String name, byte[] value) {
        NativeCall c = NativeCall.lsetxattr(path, name, value.length);
        beforeCall(c);
        try {
            delegate.lsetxattr(path, name, value);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, null, null);
    }

    @Override
    public List<String> llistxattr(RawString path) {
        NativeCall c = NativeCall.llistxattr(path);
        beforeCall(c);
        List<String> result;
        try {
            result = delegate.llistxattr(path);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public byte[] lgetxattr(RawString path, String name) {
        NativeCall c = NativeCall.lgetxattr(path, name);
        beforeCall(c);
        byte[] result;
        try {
            result = delegate.lgetxattr(path, name);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        NativeCall c = NativeCall.lseek(fd, offset, whence);
        beforeCall(c);
        long result;
        try {
            result = delegate.lseek(fd, offset, whence);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public List<DirectoryEntry> getdents64(int fd) {
        NativeCall c = NativeCall.getdents64(fd);
        beforeCall(c);
        List<DirectoryEntry> result;
        try {
            result = delegate.getdents64(fd);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public FileAttributes attributes(int dfd, RawString path, int flags) {
        NativeCall c = NativeCall.statx(dfd, path, flags);
        beforeCall(c);
        FileAttributes result;
        try {
            result = delegate.attributes(dfd, path, flags);
        } catch (RuntimeException e) {
            afterCall(c, null, e);
            throw e;
        }
        afterCall(c, result, null);
        return result;
    }

    @Override
    public int gettid() {
        return delegate.gettid();
    }
}
