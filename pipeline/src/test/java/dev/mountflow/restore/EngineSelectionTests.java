package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.Stage;
import dev.mountflow.error.InputException;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Selection is decided on probe results alone, so these kernels are written down, not probed. */
class EngineSelectionTests {
    private static final FeatureStatus OK = FeatureStatus.works();
    private static final KernelFeatures EVERYTHING = new KernelFeatures(OK, OK, OK, OK, OK, OK, OK, OK, OK, OK);
    /** A kernel before 5.15: no MOVE_MOUNT_SET_GROUP. */
    private static final KernelFeatures NO_SET_GROUP = new KernelFeatures(OK, OK, OK, OK, OK,
            FeatureStatus.missing("EINVAL (Invalid argument)"), OK, OK, OK, OK);
    private static final KernelFeatures NO_PIVOT_NO_SET_GROUP = new KernelFeatures(OK, OK,
            FeatureStatus.missing("EPERM (Operation not permitted)"), OK, OK,
            FeatureStatus.missing("EINVAL (Invalid argument)"), OK, OK, OK, OK);
    private static final EngineRegistry BOTH = new EngineRegistry(List.of(
            named("v1", KernelFeatures::canRunV1), named("v2", KernelFeatures::canRunV2)));

    @Test
    void autoTakesV2WhereTheKernelCanRunIt() {
        EngineSelection.Choice choice = EngineSelection.choose("auto", BOTH, () -> EVERYTHING);

        assertThat(choice.engine().name()).isEqualTo("v2");
        assertThat(choice.fellBack()).isFalse();
        assertThat(choice.reason()).isEqualTo("mount engine auto: chose 'v2', which this kernel can run");
    }

    @Test
    void autoFallsBackToV1AndSaysWhy() {
        EngineSelection.Choice choice = EngineSelection.choose("auto", BOTH, () -> NO_SET_GROUP);

        assertThat(choice.engine().name()).isEqualTo("v1");
        assertThat(choice.fellBack()).isTrue();
        assertThat(choice.reason()).isEqualTo("mount engine auto: chose 'v1' because 'v2' cannot run on this kernel: "
                + "MOVE_MOUNT_SET_GROUP: EINVAL (Invalid argument)");
    }

    @Test
    void autoWithNoEngineThatCanRunIsBadInputNamingEachReason() {
        assertThatThrownBy(() -> EngineSelection.choose("auto", BOTH, () -> NO_PIVOT_NO_SET_GROUP))
                .isInstanceOf(InputException.class)
                .hasMessage("mount engine auto: no engine can run on this kernel: 'v2' cannot run on this kernel: "
                        + "MOVE_MOUNT_SET_GROUP: EINVAL (Invalid argument); 'v1' cannot run on this kernel: "
                        + "pivot_root: EPERM (Operation not permitted) (see mountflow check)");
    }

    @Test
    void aNamedEngineThatCannotRunHereIsBadInputWithTheReason() {
        assertThatThrownBy(() -> EngineSelection.choose("v2", BOTH, () -> NO_SET_GROUP))
                .isInstanceOf(InputException.class)
                .hasMessage("mount engine 'v2' cannot run on this kernel: MOVE_MOUNT_SET_GROUP: EINVAL (Invalid argument)"
                        + " (see mountflow check)");
        assertThat(EngineSelection.choose("v1", BOTH, () -> NO_SET_GROUP).engine().name()).isEqualTo("v1");
    }

    @Test
    void anUnknownEngineIsRefusedBeforeTheKernelIsProbed() {
        assertThatThrownBy(() -> EngineSelection.choose("v3", BOTH, () -> {
            throw new AssertionError("probed");
        })).isInstanceOf(InputException.class).hasMessage("unknown mount engine 'v3'; known engines: v1, v2");
    }

    @Test
    void autoConsidersOnlyInstalledEngines() {
        EngineRegistry onlyV1 = new EngineRegistry(List.of(named("v1", KernelFeatures::canRunV1)));

        assertThat(EngineSelection.choose("auto", onlyV1, () -> EVERYTHING).engine().name()).isEqualTo("v1");
        assertThatThrownBy(() -> EngineSelection.choose("auto", new EngineRegistry(List.of()), () -> EVERYTHING))
                .hasMessage("mount engine auto: no engine can run on this kernel: none of [v2, v1] is installed"
                        + " (see mountflow check)");
    }

    /** An engine that is only a name and a requirement: selection never runs its stages. */
    private static MountEngine named(String name, Function<KernelFeatures, FeatureStatus> needs) {
        return new MountEngine() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public FeatureStatus canRun(KernelFeatures features) {
                return needs.apply(features);
            }

            @Override
            public List<Stage> stages() {
                throw new UnsupportedOperationException("selection does not build stages");
            }
        };
    }
}
