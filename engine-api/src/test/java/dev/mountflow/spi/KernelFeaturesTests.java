package dev.mountflow.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KernelFeaturesTests {
    private static final FeatureStatus OK = FeatureStatus.works();

    @Test
    void bothEnginesCanRunWhenEverythingWorks() {
        KernelFeatures all = new KernelFeatures(OK, OK, OK, OK, OK, OK, OK, OK, OK, OK);
        assertThat(all.canRunV1()).isEqualTo(OK);
        assertThat(all.canRunV2()).isEqualTo(OK);
        assertThat(all.byName()).containsOnlyKeys("unshare(CLONE_NEWNS)", "mount", "pivot_root", "open_tree",
                "move_mount", "MOVE_MOUNT_SET_GROUP", "mount_setattr", "openat2", "RESOLVE_BENEATH", "fsopen/fsmount");
    }

    @Test
    void v2NamesEveryMissingPrerequisiteWithItsReason() {
        FeatureStatus enosys = FeatureStatus.missing("ENOSYS (Function not implemented)");
        KernelFeatures old = new KernelFeatures(OK, OK, OK, OK, OK, FeatureStatus.missing("EINVAL (Invalid argument)"),
                OK, enosys, FeatureStatus.missing("not probed: openat2 unavailable"), OK);

        assertThat(old.canRunV1()).isEqualTo(OK);
        assertThat(old.canRunV2()).isEqualTo(FeatureStatus.missing("MOVE_MOUNT_SET_GROUP: EINVAL (Invalid argument); "
                + "openat2: ENOSYS (Function not implemented); RESOLVE_BENEATH: not probed: openat2 unavailable"));
        assertThat(old.canRunV2().toString()).startsWith("missing: MOVE_MOUNT_SET_GROUP: ");
    }

    @Test
    void v1NeedsPivotRoot() {
        KernelFeatures noPivot = new KernelFeatures(OK, OK, FeatureStatus.missing("EPERM"), OK, OK, OK, OK, OK, OK, OK);
        assertThat(noPivot.canRunV1()).isEqualTo(FeatureStatus.missing("pivot_root: EPERM"));
        assertThat(noPivot.canRunV2()).isEqualTo(OK);
    }

    @Test
    void aMissingFeatureNeedsAReason() {
        assertThatThrownBy(() -> FeatureStatus.missing(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a missing feature needs a reason");
    }
}
