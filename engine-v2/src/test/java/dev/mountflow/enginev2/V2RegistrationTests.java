package dev.mountflow.enginev2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The v2 engine's registration and what it needs of the kernel; no kernel involved. */
class V2RegistrationTests {

    @Test
    void theEngineIsFoundByServiceLoaderAndListsTheStagesInOrder() {
        MountEngine v2 = ServiceLoader.load(MountEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals("v2")).findFirst().orElseThrow();
        assertThat(v2.stages()).extracting(Stage::id).containsExactlyElementsOf(StageIds.ENGINE_STAGES);
    }

    @Test
    void canRunNamesEveryMissingCallItNeeds() {
        FeatureStatus ok = FeatureStatus.works();
        FeatureStatus enosys = FeatureStatus.missing("ENOSYS (Function not implemented)");
        KernelFeatures features = new KernelFeatures(ok, ok, ok, ok, ok, enosys, enosys, ok, ok, ok);

        assertThat(new V2Engine().canRun(features)).isEqualTo(FeatureStatus.missing(
                "MOVE_MOUNT_SET_GROUP: ENOSYS (Function not implemented); mount_setattr: ENOSYS (Function not implemented)"));
        assertThat(new V2Engine().canRun(new KernelFeatures(ok, ok, ok, ok, ok, ok, ok, ok, ok, ok)).available()).isTrue();
    }
}
