package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import org.junit.jupiter.api.Test;

/** This project's machines run Linux 6.x with the whole new mount API, so every probe succeeds. */
class CheckCommandTests {

    @Test
    void reportsEveryFeatureAndBothEnginesAsAvailableHere() {
        CommandRun run = CommandRun.of("check");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                kernel %s
                  unshare(CLONE_NEWNS)  yes
                  mount                 yes
                  pivot_root            yes
                  open_tree             yes
                  move_mount            yes
                  MOVE_MOUNT_SET_GROUP  yes
                  mount_setattr         yes
                  openat2               yes
                  RESOLVE_BENEATH       yes
                  fsopen/fsmount        yes
                engines
                  v2                    yes
                  auto                  v2
                """.formatted(System.getProperty("os.version")));
    }

    @Test
    void onAKernelWithoutSetGroupV2IsRefusedWithTheReasonAndAutoSaysWhatItTakes() {
        FeatureStatus ok = FeatureStatus.works();
        KernelFeatures old = new KernelFeatures(ok, ok, ok, ok, ok, FeatureStatus.missing("EINVAL (Invalid argument)"),
                ok, ok, ok, ok);

        CommandRun check = CommandRun.onKernel(old, "check");
        CommandRun restore = CommandRun.onKernel(old, "restore", "-D", "no-such-image", "--mount-engine", "v2");

        assertThat(check.out()).contains("""
                  MOVE_MOUNT_SET_GROUP  no: EINVAL (Invalid argument)
                """).contains("""
                  v2                    no: MOVE_MOUNT_SET_GROUP: EINVAL (Invalid argument)
                """);
        assertThat(restore.exitCode()).isEqualTo(2);
        assertThat(restore.err()).isEqualTo("mountflow: mount engine 'v2' cannot run on this kernel: "
                + "MOVE_MOUNT_SET_GROUP: EINVAL (Invalid argument) (see mountflow check)\n");
    }
}
