package dev.mountflow.enginev1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The v1 engine's registration and what it needs of the kernel; no kernel involved. */
class V1RegistrationTests {

    @Test
    void theEngineIsFoundByServiceLoaderAndListsTheStagesInOrder() {
        MountEngine v1 = ServiceLoader.load(MountEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals("v1")).findFirst().orElseThrow();
        assertThat(v1.stages()).extracting(Stage::id).containsExactlyElementsOf(StageIds.ENGINE_STAGES);
    }

    @Test
    void canRunNeedsMountPivotRootAndOpenat2ButNoneOfTheNewMountApi() {
        FeatureStatus ok = FeatureStatus.works();
        FeatureStatus enosys = FeatureStatus.missing("ENOSYS (Function not implemented)");

        assertThat(new V1Engine().canRun(new KernelFeatures(ok, ok, ok, enosys, enosys, enosys, enosys, ok, ok, enosys))
                .available()).isTrue();
        assertThat(new V1Engine().canRun(new KernelFeatures(ok, ok, enosys, ok, ok, ok, ok, enosys, ok, ok)))
                .isEqualTo(FeatureStatus.missing("pivot_root: ENOSYS (Function not implemented);"
                        + " openat2: ENOSYS (Function not implemented)"));
    }
}
