package dev.mountflow.validate;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import java.util.List;

/** Mountpoints and roots are canonical absolute paths (see {@link PathSyntax} for why). */
final class PathSyntaxCheck implements Check {
    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        for (NamespaceIndex ns : index.namespaces()) {
            for (int i = 0; i < ns.size(); i++) {
                Mount mount = ns.mount(i);
                check(ns.ref(i), "root", mount.root(), out);
                check(ns.ref(i), "mountpoint", mount.mountpoint(), out);
            }
        }
    }

    private static void check(MountRef ref, String field, RawString path, ProblemCollector out) {
        List<String> defects = PathSyntax.defects(path);
        if (defects.equals(List.of(PathSyntax.EMPTY))) {
            out.mount(ref, field, "the path is empty");
        } else if (!defects.isEmpty()) {
            out.mount(ref, field,
                    Quote.of(path) + " is not canonical: " + String.join(", ", defects));
        }
    }
}
