package dev.mountflow.validate;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;

/**
 * The namespace's root sits on {@code /} and every other mount at or below its parent's
 * mountpoint (at: an overmount), compared component-wise. Paths that are not canonical are left
 * to {@link PathSyntaxCheck}, since comparing them would say nothing more.
 */
final class MountpointPlacementCheck implements Check {
    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        for (NamespaceIndex ns : index.namespaces()) {
            if (!ns.roots().isEmpty()) {
                int root = ns.roots().get(0);
                RawString at = ns.mount(root).mountpoint();
                if (PathSyntax.isCanonical(at) && !at.equals(RawString.SLASH)) {
                    out.mount(ns.ref(root), "mountpoint", "the namespace's root mount must be on '/'");
                }
            }
            for (int i = 0; i < ns.size(); i++) {
                int parent = ns.parent(i);
                if (parent != NamespaceIndex.NO_PARENT) {
                    checkUnderParent(index, ns, i, parent, out);
                }
            }
        }
    }

    private static void checkUnderParent(
            ImageIndex index, NamespaceIndex ns, int child, int parent, ProblemCollector out) {
        Mount mount = ns.mount(child);
        RawString above = ns.mount(parent).mountpoint();
        if (PathSyntax.isCanonical(mount.mountpoint()) && PathSyntax.isCanonical(above)
                && !mount.mountpoint().isPathUnder(above)) {
            out.mount(ns.ref(child), "mountpoint", "not under the mountpoint of its parent, "
                    + index.describe(ns.ref(parent), ns.position()));
        }
    }
}
