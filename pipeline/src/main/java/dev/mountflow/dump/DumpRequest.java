package dev.mountflow.dump;

import java.util.List;

/**
 * What to dump.
 *
 * @param pid the process whose mount namespace is the image's root namespace
 * @param tree whether to add every distinct mount namespace among the process's descendants
 * @param externals mounts whose content comes from the host at restore
 */
public record DumpRequest(long pid, boolean tree, List<ExternalMountSpec> externals) {
    public DumpRequest {
        externals = List.copyOf(externals);
    }
}
