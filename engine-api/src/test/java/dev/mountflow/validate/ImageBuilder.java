package dev.mountflow.validate;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;

/**
 * Crafts images for tests: {@code image().namespace(1).mount(1, 0, "/").tmpfs(2, 1, "/run")
 * .shared(3).build()}. Modifiers such as {@link #shared(int)} change the mount added last.
 */
final class ImageBuilder {
    private final List<NamespaceSpec> namespaces = new ArrayList<>();
    private Integer rootNamespace;

    private static final class NamespaceSpec {
        final int id;
        final List<MountSpec> mounts = new ArrayList<>();

        NamespaceSpec(int id) {
            this.id = id;
        }
    }

    private static final class MountSpec {
        int id;
        int parent;
        RawString mountpoint;
        RawString root = RawString.SLASH;
        DeviceId device;
        String fstype;
        RawString source;
        RawString options = RawString.EMPTY;
        int shared;
        int master;
        String externalKey;

        Mount build() {
            return new Mount(id, parent, device, root, mountpoint, fstype, source, 0, 0, options,
                    shared, master, false, false, externalKey);
        }
    }

    private ImageBuilder() {
    }

    static ImageBuilder image() {
        return new ImageBuilder();
    }

    /** Starts a namespace; the first one is the root namespace unless {@link #rootNamespace} says. */
    ImageBuilder namespace(int id) {
        namespaces.add(new NamespaceSpec(id));
        return this;
    }

    ImageBuilder rootNamespace(int id) {
        rootNamespace = id;
        return this;
    }

    /** A mount of the root disk (ext4 on 8:1). */
    ImageBuilder mount(int id, int parent, String mountpoint) {
        return mount(id, parent, RawString.of(mountpoint));
    }

    ImageBuilder mount(int id, int parent, RawString mountpoint) {
        return add(id, parent, mountpoint, "ext4", new DeviceId(8, 1), "/dev/sda1");
    }

    /** A fresh tmpfs on a device of its own (0:id). */
    ImageBuilder tmpfs(int id, int parent, String mountpoint) {
        return add(id, parent, RawString.of(mountpoint), "tmpfs", new DeviceId(0, id), "tmpfs");
    }

    /** A mount of any filesystem; {@code device} is {@code major:minor}. */
    ImageBuilder fs(int id, int parent, String mountpoint, String fstype, String device) {
        return add(id, parent, RawString.of(mountpoint), fstype, DeviceId.parse(device), fstype);
    }

    ImageBuilder root(String root) {
        return root(RawString.of(root));
    }

    ImageBuilder root(RawString root) {
        last().root = root;
        return this;
    }

    ImageBuilder device(String device) {
        last().device = DeviceId.parse(device);
        return this;
    }

    ImageBuilder fstype(String fstype) {
        last().fstype = fstype;
        return this;
    }

    ImageBuilder source(RawString source) {
        last().source = source;
        return this;
    }

    ImageBuilder options(RawString options) {
        last().options = options;
        return this;
    }

    ImageBuilder shared(int group) {
        last().shared = group;
        return this;
    }

    ImageBuilder master(int group) {
        last().master = group;
        return this;
    }

    ImageBuilder external(String key) {
        last().externalKey = key;
        return this;
    }

    MountImage build() {
        List<MountNamespace> built = new ArrayList<>();
        for (NamespaceSpec ns : namespaces) {
            built.add(new MountNamespace(ns.id, 0, 0,
                    ns.mounts.stream().map(MountSpec::build).toList()));
        }
        int root = rootNamespace != null ? rootNamespace : namespaces.isEmpty() ? 1 : namespaces.get(0).id;
        return new MountImage(root, "test", built);
    }

    private ImageBuilder add(int id, int parent, RawString mountpoint, String fstype,
            DeviceId device, String source) {
        if (namespaces.isEmpty()) {
            throw new IllegalStateException("call namespace(id) before adding mounts");
        }
        MountSpec spec = new MountSpec();
        spec.id = id;
        spec.parent = parent;
        spec.mountpoint = mountpoint;
        spec.fstype = fstype;
        spec.device = device;
        spec.source = RawString.of(source);
        namespaces.get(namespaces.size() - 1).mounts.add(spec);
        return this;
    }

    private MountSpec last() {
        List<MountSpec> mounts = namespaces.get(namespaces.size() - 1).mounts;
        return mounts.get(mounts.size() - 1);
    }
}
