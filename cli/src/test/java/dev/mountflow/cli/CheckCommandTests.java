package dev.mountflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
                  v1 (legacy)           yes
                  v2 (mount-v2)         yes
                """.formatted(System.getProperty("os.version")));
    }
}
