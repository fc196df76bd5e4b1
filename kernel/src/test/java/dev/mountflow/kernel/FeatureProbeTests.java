package dev.mountflow.kernel;

import static dev.mountflow.kernel.TestKernel.KERNEL;
import static dev.mountflow.kernel.TestKernel.refusing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.spi.Errno;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.KernelFeatures;
import org.junit.jupiter.api.Test;

/**
 * The probe against the real kernel (Linux 6.18 here, where everything works) and against kernels
 * that refuse one call; HostStateGuard checks that no probe left a mount or a thread behind.
 */
class FeatureProbeTests {

    @Test
    void everythingWorksOnThisMachine() {
        KernelFeatures features = new FeatureProbe(KERNEL).probe();

        assertThat(features.byName()).allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo(FeatureStatus.works()));
        assertThat(features.canRunV1()).isEqualTo(FeatureStatus.works());
        assertThat(features.canRunV2()).isEqualTo(FeatureStatus.works());
    }

    @Test
    void withoutOpenTreeV2CannotRunAndTheDependentProbesSayWhy() {
        KernelFeatures features = new FeatureProbe(refusing(c -> c.kind() == KernelCall.OPEN_TREE, Errno.ENOSYS)).probe();

        String enosys = "open_tree path='/mnt' flags=OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC: ENOSYS (Function not implemented)";
        assertThat(features.openTree()).isEqualTo(FeatureStatus.missing(enosys));
        assertThat(features.moveMount()).isEqualTo(FeatureStatus.missing("not probed: open_tree unavailable"));
        assertThat(features.moveMountSetGroup()).isEqualTo(FeatureStatus.missing("not probed: move_mount unavailable"));
        assertThat(features.openat2()).isEqualTo(FeatureStatus.works());
        assertThat(features.canRunV1()).isEqualTo(FeatureStatus.works());
        assertThat(features.canRunV2()).isEqualTo(FeatureStatus.missing("open_tree: " + enosys
                + "; move_mount: not probed: open_tree unavailable"
                + "; MOVE_MOUNT_SET_GROUP: not probed: move_mount unavailable"));
    }

    @Test
    void aKernelWithoutSetGroupIsFoundByTheSetGroupAttempt() {
        KernelFeatures features = new FeatureProbe(refusing(
                c -> c.kind() == KernelCall.MOVE_MOUNT && c.flags().get("flags").equals("MOVE_MOUNT_SET_GROUP"),
                Errno.EINVAL)).probe();

        assertThat(features.moveMount()).isEqualTo(FeatureStatus.works());
        assertThat(features.moveMountSetGroup()).isEqualTo(FeatureStatus.missing(
                "move_mount from='/mnt/a' to='/mnt/b' flags=MOVE_MOUNT_SET_GROUP: EINVAL (Invalid argument)"));
        assertThat(features.canRunV2().available()).isFalse();
    }

    @Test
    void withoutPrivilegeNothingButTheUnshareIsProbed() {
        KernelFeatures features = new FeatureProbe(refusing(c -> c.kind() == KernelCall.UNSHARE, Errno.EPERM)).probe();

        assertThat(features.unshareMountNamespace()).isEqualTo(FeatureStatus.missing(
                "unshare flags=CLONE_FS|CLONE_NEWNS: EPERM (Operation not permitted); needs CAP_SYS_ADMIN (run as root)"));
        assertThat(features.byName()).allSatisfy((name, status) -> assertThat(status.available()).as(name).isFalse());
        assertThat(features.pivotRoot()).isEqualTo(FeatureStatus.missing("not probed: unshare(CLONE_NEWNS) unavailable"));
        assertThat(features.canRunV1().reason()).startsWith("unshare(CLONE_NEWNS): unshare flags=CLONE_FS|CLONE_NEWNS: EPERM");
    }
}
