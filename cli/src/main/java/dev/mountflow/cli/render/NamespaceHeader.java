package dev.mountflow.cli.render;

import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;

/** The line that introduces one namespace of an image in the tree view. */
final class NamespaceHeader {
    private NamespaceHeader() {
    }

    static String of(MountImage image, MountNamespace ns) {
        StringBuilder out = new StringBuilder("mount namespace ").append(ns.id());
        if (ns.id() == image.rootNamespaceId()) {
            out.append(" (root)");
        }
        if (ns.pid() > 0) {
            out.append(", pid ").append(ns.pid());
        }
        if (ns.kernelId() > 0) {
            out.append(", mnt:[").append(ns.kernelId()).append(']');
        }
        return out.append(", ").append(ns.mounts().size()).append(" mount(s)").toString();
    }
}
