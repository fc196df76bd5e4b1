package dev.mountflow.enginev1;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.Stage;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.util.List;

/**
 * The legacy engine (CRIU's {@code mount.c} design): all namespaces built as one tree under a
 * private roots yard with mount(2), sharing only inherited by binds, each namespace then split off
 * with unshare and pivot_root. Topologies inheritance cannot build are refused in validate.
 */
public final class V1Engine implements MountEngine {
    @Override
    public String name() {
        return "v1";
    }

    @Override
    public String description() {
        return "roots yard built with mount(2) in tree order, sharing inherited, namespaces split with pivot_root";
    }

    /**
     * {@link KernelFeatures#canRunV1()}, plus openat2 with RESOLVE_BENEATH, which every image path
     * is resolved with (DESIGN §7.2). No new mount API: v1 makes every mount with mount(2).
     */
    @Override
    public FeatureStatus canRun(KernelFeatures features) {
        return features.requireAlso(features.canRunV1(), "openat2", "RESOLVE_BENEATH");
    }

    @Override
    public List<Stage> stages() {
        V1Restore restore = new V1Restore();
        return List.of(
                new V1Validate(restore),
                new V1PreCreateNamespaces(restore),
                new V1PopulateTree(restore),
                new V1Assemble(restore),
                new V1RestoreSharingGroups(restore),
                new V1RemountReadOnly(restore),
                new V1CleanupDeletedSources(restore));
    }
}
