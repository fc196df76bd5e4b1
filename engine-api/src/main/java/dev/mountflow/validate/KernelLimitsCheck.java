package dev.mountflow.validate;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;

/**
 * Strings the kernel would refuse or silently cut: over-long paths and components, sources and
 * options longer than mount(2) copies, and NUL bytes, where the kernel would stop reading and so
 * act on another value than the image shows.
 */
final class KernelLimitsCheck implements Check {
    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        for (NamespaceIndex ns : index.namespaces()) {
            for (int i = 0; i < ns.size(); i++) {
                Mount mount = ns.mount(i);
                MountRef ref = ns.ref(i);
                checkPath(ref, "root", mount.root(), out);
                checkPath(ref, "mountpoint", mount.mountpoint(), out);
                checkMountString(ref, "source", mount.source(),
                        KernelLimits.MOUNT_SOURCE_MAX_BYTES, out);
                checkMountString(ref, "options", mount.options(),
                        KernelLimits.MOUNT_OPTIONS_MAX_BYTES, out);
            }
        }
    }

    private static void checkPath(MountRef ref, String field, RawString path, ProblemCollector out) {
        if (path.length() > KernelLimits.PATH_MAX_BYTES) {
            out.mount(ref, field, path.length() + " bytes long; the kernel takes paths of at most "
                    + KernelLimits.PATH_MAX_BYTES + " (PATH_MAX)");
        }
        RawString name = PathSyntax.longComponent(path, KernelLimits.NAME_MAX_BYTES);
        if (name != null) {
            out.mount(ref, field, "component " + Quote.of(name) + " is " + name.length()
                    + " bytes long; the kernel takes names of at most "
                    + KernelLimits.NAME_MAX_BYTES + " (NAME_MAX)");
        }
    }

    private static void checkMountString(
            MountRef ref, String field, RawString value, int limit, ProblemCollector out) {
        if (value.length() > limit) {
            out.mount(ref, field, value.length() + " bytes long; mount(2) takes at most " + limit);
        }
        if (value.contains((byte) 0)) {
            out.mount(ref, field, Quote.of(value) + " holds a NUL byte, where mount(2) would stop");
        }
    }
}
