package dev.mountflow.engine;

import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.util.List;

/**
 * A way of rebuilding mount namespaces: an ordered list of stages under the ids of
 * {@link StageIds#ENGINE_STAGES}. Engines are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.mountflow.engine.MountEngine}); they receive everything through
 * the {@link RestoreContext} and export nothing else.
 */
public interface MountEngine {
    /** The name users select with {@code --mount-engine}: {@code v1}, {@code v2}. */
    String name();

    /** One line for listings. */
    String description();

    /** Whether this engine can run on a kernel with {@code features}, and why not. */
    FeatureStatus canRun(KernelFeatures features);

    /**
     * Fresh stage instances for one restore, in {@link StageIds#ENGINE_STAGES} order. Stages of
     * one restore may share engine state created here; two restores share nothing.
     */
    List<Stage> stages();
}
