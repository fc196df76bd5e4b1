package dev.mountflow.testing;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;

/**
 * One test mount: {@code mount(21, 1, "/tmp").source("tmpfs").shared(2).build()}. Unless a modifier
 * says otherwise it is a private, read-write tmpfs with source {@code none} at root {@code /}, on a
 * superblock of its own (device {@code 0:id}), and not external.
 */
public final class MountBuilder {
    private final int id;
    private final int parentId;
    private RawString mountpoint;
    private DeviceId device;
    private RawString root = RawString.SLASH;
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

    private MountBuilder(int id, int parentId, RawString mountpoint) {
        this.id = id;
        this.parentId = parentId;
        this.mountpoint = mountpoint;
        this.device = new DeviceId(0, id);
    }

    public static MountBuilder mount(int id, int parentId, String mountpoint) {
        return mount(id, parentId, RawString.of(mountpoint));
    }

    public static MountBuilder mount(int id, int parentId, RawString mountpoint) {
        return new MountBuilder(id, parentId, mountpoint);
    }

    public MountBuilder mountpoint(RawString value) {
        mountpoint = value;
        return this;
    }

    public MountBuilder device(int major, int minor) {
        device = new DeviceId(major, minor);
        return this;
    }

    /** {@code value} is {@code major:minor}, as mountinfo shows it. */
    public MountBuilder device(String value) {
        device = DeviceId.parse(value);
        return this;
    }

    public MountBuilder root(String value) {
        return root(RawString.of(value));
    }

    public MountBuilder root(RawString value) {
        root = value;
        return this;
    }

    public MountBuilder fstype(String value) {
        fstype = value;
        return this;
    }

    public MountBuilder source(String value) {
        return source(RawString.of(value));
    }

    public MountBuilder source(RawString value) {
        source = value;
        return this;
    }

    /** Filesystem type and source together, the pair that names what is mounted. */
    public MountBuilder fs(String fstypeValue, String sourceValue) {
        return fstype(fstypeValue).source(sourceValue);
    }

    public MountBuilder flags(int value) {
        flags = value;
        return this;
    }

    public MountBuilder superFlags(int value) {
        superFlags = value;
        return this;
    }

    public MountBuilder options(String value) {
        return options(RawString.of(value));
    }

    public MountBuilder options(RawString value) {
        options = value;
        return this;
    }

    public MountBuilder shared(int group) {
        sharedId = group;
        return this;
    }

    public MountBuilder master(int group) {
        masterId = group;
        return this;
    }

    public MountBuilder unbindable() {
        unbindable = true;
        return this;
    }

    public MountBuilder deleted() {
        deleted = true;
        return this;
    }

    public MountBuilder external(String key) {
        externalKey = key;
        return this;
    }

    public Mount build() {
        return new Mount(id, parentId, device, root, mountpoint, fstype, source, flags, superFlags,
                options, sharedId, masterId, unbindable, deleted, externalKey);
    }
}
