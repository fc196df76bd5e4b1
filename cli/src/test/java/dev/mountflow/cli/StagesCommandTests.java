package dev.mountflow.cli;

import java.util.List;
import dev.mountflow.restore.testengine.TmpfsTestEngine;
import dev.mountflow.restore.EngineRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StagesCommandTests {
    private static final EngineRegistry TEST_ENGINES =
            new EngineRegistry(List.of(new dev.mountflow.enginev2.V2Engine(), new TmpfsTestEngine()));


    @Test
    void listsTheEnginesStagesThenVerifyAndPublish() {
        CommandRun run = CommandRun.withEngines(TEST_ENGINES, "stages", "--mount-engine", "test-tmpfs");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                validate                 a checked graph: one namespace, fresh tmpfs mounts on top of the host's table
                pre-create-namespaces    one private copy of the host's mount namespace
                populate-tree            every tmpfs on a host directory mounted, private
                assemble                 nested tmpfs mounts on their directories
                restore-sharing-groups   shared tmpfs mounts in peer groups of their own
                remount-read-only        read-only tmpfs mounts read-only
                ghost-files              the image's ghost files exist on their mounts; read-only mounts are read-only again, flags unchanged (plugin ghost-files)
                cleanup-deleted-sources  nothing to clean: fresh tmpfs mounts have no deleted sources
                verify                   a report: restored namespaces equal to the image, or the differences by path
                publish                  what the user asked for: namespace files pinned, or a command run inside
                """);
    }

    @Test
    void anUnknownEngineIsBadInput() {
        CommandRun run = CommandRun.withEngines(TEST_ENGINES, "stages", "--mount-engine", "nope");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("mountflow: unknown mount engine 'nope'; known engines: ");
    }
}
