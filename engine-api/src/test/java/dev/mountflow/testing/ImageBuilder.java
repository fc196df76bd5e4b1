package dev.mountflow.testing;

import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;

/**
 * Test images: {@code image().namespace(1).disk(1, 0, "/").mount(2, 1, "/mnt").shared(7).build()}.
 * Mounts go into the namespace started last; modifiers, the same as {@link MountBuilder}'s, change
 * the mount added last. The first namespace is the root one unless {@link #rootNamespace} says.
 */
public final class ImageBuilder {
    private final List<NamespaceSpec> namespaces = new ArrayList<>();
    private Integer rootNamespace;

    private record NamespaceSpec(int id, List<MountBuilder> mounts) {
    }

    private ImageBuilder() {
    }

    public static ImageBuilder image() {
        return new ImageBuilder();
    }

    public ImageBuilder namespace(int id) {
        namespaces.add(new NamespaceSpec(id, new ArrayList<>()));
        return this;
    }

    public ImageBuilder rootNamespace(int id) {
        rootNamespace = id;
        return this;
    }

    /** A mount with {@link MountBuilder}'s defaults: a private tmpfs of its own, source {@code none}. */
    public ImageBuilder mount(int id, int parent, String mountpoint) {
        return add(MountBuilder.mount(id, parent, mountpoint));
    }

    public ImageBuilder mount(int id, int parent, RawString mountpoint) {
        return add(MountBuilder.mount(id, parent, mountpoint));
    }

    /**
     * A mount of {@code fstype} on {@code device} ({@code major:minor}) with its source named after
     * the type, as for {@code proc}, {@code sysfs} or {@code mount -t tmpfs tmpfs}.
     */
    public ImageBuilder mount(int id, int parent, String mountpoint, String fstype, String device) {
        return add(MountBuilder.mount(id, parent, mountpoint).fs(fstype, fstype).device(device));
    }

    /** A mount of the root disk: ext4 from {@code /dev/sda1} on 8:1. */
    public ImageBuilder disk(int id, int parent, String mountpoint) {
        return disk(id, parent, RawString.of(mountpoint));
    }

    public ImageBuilder disk(int id, int parent, RawString mountpoint) {
        return add(MountBuilder.mount(id, parent, mountpoint).device(8, 1).fs("ext4", "/dev/sda1"));
    }

    /** A fresh tmpfs on a superblock of its own (0:id), source {@code tmpfs} as mount(8) gives it. */
    public ImageBuilder tmpfs(int id, int parent, String mountpoint) {
        return add(MountBuilder.mount(id, parent, mountpoint).source("tmpfs"));
    }

    public ImageBuilder device(int major, int minor) {
        last().device(major, minor);
        return this;
    }

    public ImageBuilder device(String device) {
        last().device(device);
        return this;
    }

    public ImageBuilder root(String root) {
        last().root(root);
        return this;
    }

    public ImageBuilder root(RawString root) {
        last().root(root);
        return this;
    }

    public ImageBuilder fstype(String fstype) {
        last().fstype(fstype);
        return this;
    }

    public ImageBuilder source(String source) {
        last().source(source);
        return this;
    }

    public ImageBuilder source(RawString source) {
        last().source(source);
        return this;
    }

    public ImageBuilder fs(String fstype, String source) {
        last().fs(fstype, source);
        return this;
    }

    public ImageBuilder flags(int flags) {
        last().flags(flags);
        return this;
    }

    public ImageBuilder superFlags(int superFlags) {
        last().superFlags(superFlags);
        return this;
    }

    public ImageBuilder options(String options) {
        last().options(options);
        return this;
    }

    public ImageBuilder options(RawString options) {
        last().options(options);
        return this;
    }

    public ImageBuilder shared(int group) {
        last().shared(group);
        return this;
    }

    public ImageBuilder master(int group) {
        last().master(group);
        return this;
    }

    public ImageBuilder unbindable() {
        last().unbindable();
        return this;
    }

    public ImageBuilder deleted() {
        last().deleted();
        return this;
    }

    public ImageBuilder external(String key) {
        last().external(key);
        return this;
    }

    /** Namespaces get pid and namespace inode 0: no test of an image's logic looks at them. */
    public MountImage build() {
        List<MountNamespace> built = new ArrayList<>();
        for (NamespaceSpec ns : namespaces) {
            built.add(new MountNamespace(ns.id(), 0, 0, ns.mounts().stream().map(MountBuilder::build).toList()));
        }
        int root = rootNamespace != null ? rootNamespace : namespaces.isEmpty() ? 1 : namespaces.get(0).id();
        return new MountImage(root, "test", built);
    }

    private ImageBuilder add(MountBuilder mount) {
        if (namespaces.isEmpty()) {
            throw new IllegalStateException("call namespace(id) before adding mounts");
        }
        namespaces.get(namespaces.size() - 1).mounts().add(mount);
        return this;
    }

    private MountBuilder last() {
        List<MountBuilder> mounts = namespaces.get(namespaces.size() - 1).mounts();
        return mounts.get(mounts.size() - 1);
    }
}
