package dev.mountflow.compare;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;

/**
 * Crafts images for comparison tests: {@code image().namespace(1).mount(1, 0, "/").mount(2, 1,
 * "/mnt").shared(7).build()}. Each mount is a private tmpfs with source {@code none} on a superblock
 * of its own (device {@code 0:id}) until a modifier, which changes the mount added last, says
 * otherwise.
 */
final class ImageBuilder {
    private final List<NamespaceSpec> namespaces = new ArrayList<>();
    private Integer rootNamespace;

    private record NamespaceSpec(int id, List<MountSpec> mounts) {
    }

    private static final class MountSpec {
        int id;
        int parent;
        DeviceId device;
        RawString root = RawString.SLASH;
        RawString mountpoint;
        String fstype = "tmpfs";
        RawString source = RawString.of("none");
        int flags;
        int superFlags;
        RawString options = RawString.EMPTY;
        int shared;
        int master;
        boolean unbindable;
        boolean deleted;
        String externalKey;

        Mount build() {
            return new Mount(id, parent, device, root, mountpoint, fstype, source, flags, superFlags, options,
                    shared, master, unbindable, deleted, externalKey);
        }
    }

    private ImageBuilder() {
    }

    static ImageBuilder image() {
        return new ImageBuilder();
    }

    ImageBuilder namespace(int id) {
        namespaces.add(new NamespaceSpec(id, new ArrayList<>()));
        return this;
    }

    ImageBuilder rootNamespace(int id) {
        rootNamespace = id;
        return this;
    }

    ImageBuilder mount(int id, int parent, String mountpoint) {
        return mount(id, parent, RawString.of(mountpoint));
    }

    ImageBuilder mount(int id, int parent, RawString mountpoint) {
        if (namespaces.isEmpty()) {
            throw new IllegalStateException("call namespace(id) before adding mounts");
        }
        MountSpec spec = new MountSpec();
        spec.id = id;
        spec.parent = parent;
        spec.device = new DeviceId(0, id);
        spec.mountpoint = mountpoint;
        namespaces.get(namespaces.size() - 1).mounts().add(spec);
        return this;
    }

    ImageBuilder device(String device) {
        last().device = DeviceId.parse(device);
        return this;
    }

    ImageBuilder root(String root) {
        last().root = RawString.of(root);
        return this;
    }

    ImageBuilder fs(String fstype, String source) {
        last().fstype = fstype;
        last().source = RawString.of(source);
        return this;
    }

    ImageBuilder flags(int flags) {
        last().flags = flags;
        return this;
    }

    ImageBuilder superFlags(int superFlags) {
        last().superFlags = superFlags;
        return this;
    }

    ImageBuilder options(String options) {
        last().options = RawString.of(options);
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

    ImageBuilder unbindable() {
        last().unbindable = true;
        return this;
    }

    ImageBuilder deleted() {
        last().deleted = true;
        return this;
    }

    ImageBuilder external(String key) {
        last().externalKey = key;
        return this;
    }

    MountImage build() {
        List<MountNamespace> built = new ArrayList<>();
        for (NamespaceSpec ns : namespaces) {
            built.add(new MountNamespace(ns.id(), 0, 0, ns.mounts().stream().map(MountSpec::build).toList()));
        }
        int root = rootNamespace != null ? rootNamespace : namespaces.isEmpty() ? 1 : namespaces.get(0).id();
        return new MountImage(root, "test", built);
    }

    private MountSpec last() {
        List<MountSpec> mounts = namespaces.get(namespaces.size() - 1).mounts();
        return mounts.get(mounts.size() - 1);
    }
}
