package dev.mountflow.kernel;

import dev.mountflow.model.RawString;
import dev.mountflow.spi.FileStat;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NativeCall;

/**
 * A {@link Kernel} that passes every call on to another, first showing it to
 * {@link #beforeCall}: the one interception point for counting, tracing and fault injection.
 * {@code gettid} cannot fail and is passed on unseen.
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

    @Override
    public void mount(RawString source, RawString target, String fstype, long flags, RawString data) {
        beforeCall(NativeCall.mount(source, target, fstype, flags, data));
        delegate.mount(source, target, fstype, flags, data);
    }

    @Override
    public void umount2(RawString target, int flags) {
        beforeCall(NativeCall.umount2(target, flags));
        delegate.umount2(target, flags);
    }

    @Override
    public void unshare(int flags) {
        beforeCall(NativeCall.unshare(flags));
        delegate.unshare(flags);
    }

    @Override
    public void setns(int fd, int nstype) {
        beforeCall(NativeCall.setns(fd, nstype));
        delegate.setns(fd, nstype);
    }

    @Override
    public void pivotRoot(RawString newRoot, RawString putOld) {
        beforeCall(NativeCall.pivotRoot(newRoot, putOld));
        delegate.pivotRoot(newRoot, putOld);
    }

    @Override
    public int openTree(int dfd, RawString path, int flags) {
        beforeCall(NativeCall.openTree(dfd, path, flags));
        return delegate.openTree(dfd, path, flags);
    }

    @Override
    public void moveMount(int fromDfd, RawString fromPath, int toDfd, RawString toPath, int flags) {
        beforeCall(NativeCall.moveMount(fromDfd, fromPath, toDfd, toPath, flags));
        delegate.moveMount(fromDfd, fromPath, toDfd, toPath, flags);
    }

    @Override
    public void mountSetattr(int dfd, RawString path, int flags, long attrSet, long attrClr, long propagation,
                             long userns) {
        beforeCall(NativeCall.mountSetattr(dfd, path, flags, attrSet, attrClr, propagation, userns));
        delegate.mountSetattr(dfd, path, flags, attrSet, attrClr, propagation, userns);
    }

    @Override
    public int openat2(int dfd, RawString path, long flags, long mode, long resolve) {
        beforeCall(NativeCall.openat2(dfd, path, flags, mode, resolve));
        return delegate.openat2(dfd, path, flags, mode, resolve);
    }

    @Override
    public int openat(int dfd, RawString path, int flags, int mode) {
        beforeCall(NativeCall.openat(dfd, path, flags, mode));
        return delegate.openat(dfd, path, flags, mode);
    }

    @Override
    public void close(int fd) {
        beforeCall(NativeCall.close(fd));
        delegate.close(fd);
    }

    @Override
    public int fsopen(String fstype, int flags) {
        beforeCall(NativeCall.fsopen(fstype, flags));
        return delegate.fsopen(fstype, flags);
    }

    @Override
    public void fsconfig(int fd, int cmd, String key, RawString value, int aux) {
        beforeCall(NativeCall.fsconfig(fd, cmd, key, value, aux));
        delegate.fsconfig(fd, cmd, key, value, aux);
    }

    @Override
    public int fsmount(int fd, int flags, int attrs) {
        beforeCall(NativeCall.fsmount(fd, flags, attrs));
        return delegate.fsmount(fd, flags, attrs);
    }

    @Override
    public void mkdirat(int dfd, RawString path, int mode) {
        beforeCall(NativeCall.mkdirat(dfd, path, mode));
        delegate.mkdirat(dfd, path, mode);
    }

    @Override
    public void unlinkat(int dfd, RawString path, int flags) {
        beforeCall(NativeCall.unlinkat(dfd, path, flags));
        delegate.unlinkat(dfd, path, flags);
    }

    @Override
    public void renameat2(int oldDfd, RawString oldPath, int newDfd, RawString newPath, int flags) {
        beforeCall(NativeCall.renameat2(oldDfd, oldPath, newDfd, newPath, flags));
        delegate.renameat2(oldDfd, oldPath, newDfd, newPath, flags);
    }

    @Override
    public FileStat statx(int dfd, RawString path, int flags) {
        beforeCall(NativeCall.statx(dfd, path, flags));
        return delegate.statx(dfd, path, flags);
    }

    @Override
    public long[] getrlimit(int resource) {
        beforeCall(NativeCall.getrlimit(resource));
        return delegate.getrlimit(resource);
    }

    @Override
    public void setrlimit(int resource, long soft, long hard) {
        beforeCall(NativeCall.setrlimit(resource, soft, hard));
        delegate.setrlimit(resource, soft, hard);
    }

    @Override
    public void fchdir(int fd) {
        beforeCall(NativeCall.fchdir(fd));
        delegate.fchdir(fd);
    }

    @Override
    public RawString readlink(RawString path) {
        beforeCall(NativeCall.readlink(path));
        return delegate.readlink(path);
    }

    @Override
    public int gettid() {
        return delegate.gettid();
    }
}
