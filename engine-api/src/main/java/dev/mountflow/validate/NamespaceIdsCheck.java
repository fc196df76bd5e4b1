package dev.mountflow.validate;

import java.util.HashSet;
import java.util.Set;

/**
 * The image's namespaces: at least one, each with a positive id of its own, and the root namespace
 * among them. Ids name the {@code mountpoints-<id>.img} files, and CRIU numbers them from 1.
 */
final class NamespaceIdsCheck implements Check {
    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        if (index.namespaces().isEmpty()) {
            out.image("namespaces", "the image has no namespaces");
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (NamespaceIndex ns : index.namespaces()) {
            if (ns.id() <= 0) {
                out.namespace(ns.position(), "ns_id",
                        ns.id() + " is not a namespace id (CRIU numbers them from 1)");
            }
            if (!seen.add(ns.id())) {
                out.namespace(ns.position(), "ns_id",
                        "an earlier namespace of the image has the same id");
            }
        }
        int rootId = index.image().rootNamespaceId();
        if (!seen.contains(rootId)) {
            out.image("root_ns_id", "namespace " + rootId + " is not in the image");
        }
    }
}
