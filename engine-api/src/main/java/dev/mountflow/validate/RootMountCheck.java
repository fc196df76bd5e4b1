package dev.mountflow.validate;

import dev.mountflow.model.Mount;
import java.util.List;

/**
 * Each namespace has mounts and exactly one root: the mount whose parent is outside the namespace
 * (or itself). The first root in image order is the namespace's root; every other one is reported.
 */
final class RootMountCheck implements Check {
    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        for (NamespaceIndex ns : index.namespaces()) {
            if (ns.size() == 0) {
                out.namespace(ns.position(), "mounts", "the namespace has no mounts");
                continue;
            }
            List<Integer> roots = ns.roots();
            if (roots.isEmpty()) {
                out.namespace(ns.position(), "parent_mnt_id",
                        "no root mount: every parent_mnt_id names another mount of this namespace");
                continue;
            }
            String root = index.describe(ns.ref(roots.get(0)), ns.position());
            for (int k = 1; k < roots.size(); k++) {
                Mount mount = ns.mount(roots.get(k));
                String why = mount.parentId() == mount.id()
                        ? "the mount is its own parent"
                        : "mount " + mount.parentId() + " is not in this namespace";
                out.mount(ns.ref(roots.get(k)), "parent_mnt_id",
                        why + ", which makes it another root besides " + root);
            }
        }
    }
}
