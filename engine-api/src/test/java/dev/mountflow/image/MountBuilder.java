package dev.mountflow.image;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;

/** Test mounts with plain defaults: a private, read-write tmpfs at {@code /} unless told otherwise. */
final class MountBuilder {
    private int id = 1;
    private int parentId = 0;
    private DeviceId device = new DeviceId(0, 1);
    private RawString root = RawString.SLASH;
    private RawString mountpoint = RawString.SLASH;
    private String fstype = "tmpfs";
    private RawString source = RawString.of("none");
    private int flags;
    private int superFlags;
    private RawString options = RawString.EMPTY;
    private int sharedId;
    private int masterId;
    private boolean unbindable;
    private boolean deleted;
    private String externalKey;

    static MountBuilder mount(int id, int parentId, String mountpoint) {
        MountBuilder b = new MountBuilder();
        b.id = id;
        b.parentId = parentId;
        b.mountpoint = RawString.of(mountpoint);
        return b;
    }

    static RawString bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return RawString.of(out);
    }

    MountBuilder device(int major, int minor) {
        device = new DeviceId(major, minor);
        return this;
    }

    MountBuilder root(String value) {
        return root(RawString.of(value));
    }

    MountBuilder root(RawString value) {
        root = value;
        return this;
    }

    MountBuilder mountpoint(RawString value) {
        mountpoint = value;
        return this;
    }

    MountBuilder fstype(String value) {
        fstype = value;
        return this;
    }

    MountBuilder source(String value) {
        return source(RawString.of(value));
    }

    MountBuilder source(RawString value) {
        source = value;
        return this;
    }

    MountBuilder flags(int value) {
        flags = value;
        return this;
    }

    MountBuilder superFlags(int value) {
        superFlags = value;
        return this;
    }

    MountBuilder options(String value) {
        return options(RawString.of(value));
    }

    MountBuilder options(RawString value) {
        options = value;
        return this;
    }

    MountBuilder shared(int value) {
        sharedId = value;
        return this;
    }

    MountBuilder master(int value) {
        masterId = value;
        return this;
    }

    MountBuilder unbindable() {
        unbindable = true;
        return this;
    }

    MountBuilder deleted() {
        deleted = true;
        return this;
    }

    MountBuilder external(String key) {
        externalKey = key;
        return this;
    }

    Mount build() {
        return new Mount(id, parentId, device, root, mountpoint, fstype, source, flags, superFlags,
                options, sharedId, masterId, unbindable, deleted, externalKey);
    }
}
