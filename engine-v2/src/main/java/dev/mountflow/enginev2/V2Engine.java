package dev.mountflow.enginev2;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.Stage;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.util.List;

/**
 * The mount-v2 engine (CRIU's {@code mount-v2.c} design): mounts are made alone and private,
 * assembled by fd, and get their peer groups and masters last with MOVE_MOUNT_SET_GROUP, so every
 * sharing topology the kernel can show can be rebuilt, and nothing propagates while building.
 */
public final class V2Engine implements MountEngine {
    @Override
    public String name() {
        return "v2";
    }

    @Override
    public String description() {
        return "open_tree/move_mount assembly, sharing set with MOVE_MOUNT_SET_GROUP (Linux >= 5.15)";
    }

    /**
     * {@link KernelFeatures#canRunV2()}, plus the two calls this engine also makes on every
     * restore: mount_setattr (per-mount flags and propagation on fds) and fsopen/fsmount (fresh
     * filesystems and work areas).
     */
    @Override
    public FeatureStatus canRun(KernelFeatures features) {
        return features.requireAlso(features.canRunV2(), "mount_setattr", "fsopen/fsmount");
    }

    @Override
    public List<Stage> stages() {
        V2Restore restore = new V2Restore();
        return List.of(
                new V2Validate(restore),
                new V2PreCreateNamespaces(restore),
                new V2PopulateTree(restore),
                new V2Assemble(restore),
                new V2RestoreSharingGroups(restore),
                new V2RemountReadOnly(restore),
                new V2CleanupDeletedSources(restore));
    }
}
