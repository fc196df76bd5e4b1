package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.Stage;
import dev.mountflow.error.InputException;
import dev.mountflow.restore.testengine.TmpfsTestEngine;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineRegistryTests {

    @Test
    void findsEnginesByName() {
        TmpfsTestEngine tmpfs = new TmpfsTestEngine();
        EngineRegistry registry = new EngineRegistry(List.of(new Named("v9"), tmpfs));

        assertThat(registry.byName("test-tmpfs")).isSameAs(tmpfs);
        assertThat(registry.names()).containsExactly("test-tmpfs", "v9");
    }

    @Test
    void anUnknownNameIsBadInputListingTheKnownOnes() {
        EngineRegistry registry = new EngineRegistry(List.of(new Named("v9"), new Named("a1")));

        assertThatThrownBy(() -> registry.byName("v2")).isInstanceOf(InputException.class)
                .hasMessage("unknown mount engine 'v2'; known engines: a1, v9");
        assertThatThrownBy(() -> new EngineRegistry(List.of()).byName("v2")).isInstanceOf(InputException.class)
                .hasMessage("unknown mount engine 'v2'; known engines: none");
    }

    @Test
    void twoEnginesWithOneNameAreRefusedNamingBothClasses() {
        assertThatThrownBy(() -> new EngineRegistry(List.of(new Named("test-tmpfs"), new TmpfsTestEngine())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("two mount engines are named 'test-tmpfs': dev.mountflow.restore.EngineRegistryTests$Named"
                        + " and dev.mountflow.restore.testengine.TmpfsTestEngine");
    }

    @Test
    void loadFindsTheEnginesRegisteredAsServicesAndNothingElse() {
        assertThat(EngineRegistry.load().byName("v2")).isInstanceOf(dev.mountflow.enginev2.V2Engine.class);
        assertThat(EngineRegistry.load().names()).doesNotContain(TmpfsTestEngine.NAME);
    }

    private static final class Named implements MountEngine {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "an engine with a name only";
        }

        @Override
        public FeatureStatus canRun(KernelFeatures features) {
            return FeatureStatus.works();
        }

        @Override
        public List<Stage> stages() {
            return List.of();
        }
    }
}
