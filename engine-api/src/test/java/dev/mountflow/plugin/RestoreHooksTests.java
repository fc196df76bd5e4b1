package dev.mountflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SPI's small values: positions, options, and the order and listing of hooks. */
class RestoreHooksTests {

    @Test
    void hooksForEveryStageComeFirstBeforeAStageAndLastAfterIt() {
        StageHook every = c -> { };
        StageHook one = c -> { };
        RestoreHooks hooks = RestoreHooks.builder().before(RestoreHooks.EVERY_STAGE, every).before("assemble", one)
                .after(RestoreHooks.EVERY_STAGE, every).after("assemble", one).build();

        assertThat(hooks.before("assemble")).containsExactly(every, one);
        assertThat(hooks.after("assemble")).containsExactly(one, every);
        assertThat(hooks.before("verify")).containsExactly(every);
    }

    @Test
    void touchesListsWhereThePluginActs() {
        RestoreHooks hooks = RestoreHooks.builder()
                .request((c, r) -> r)
                .before("validate", c -> { })
                .stage(new PluginStage("mine", StagePosition.after("populate-tree"), "mine", c -> { }))
                .freshFilesystems((c, m, fd) -> { })
                .kernelCalls(e -> { })
                .onFailure((c, s, f) -> { })
                .build();

        assertThat(hooks.touches()).containsExactly("request", "before:validate", "stage mine after:populate-tree",
                "fresh-filesystems", "kernel-calls", "on-failure");
        assertThat(RestoreHooks.none().touches()).isEmpty();
    }

    @Test
    void positionsParseAndPrintAsWritten() {
        assertThat(StagePosition.parse("after:populate-tree")).isEqualTo(StagePosition.after("populate-tree"));
        assertThat(StagePosition.before("verify")).hasToString("before:verify");
        assertThatThrownBy(() -> StagePosition.parse("during:assemble")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stage position 'during:assemble' is not before:STAGE or after:STAGE");
    }

    @Test
    void optionsAreNamedLikeTheCommandsOwnAndAValueNeedsALabel() {
        assertThat(PluginOption.flag(PluginCommand.RESTORE, "--keep-going", "go on").paramLabel()).isEmpty();
        assertThatThrownBy(() -> PluginOption.value(PluginCommand.DUMP, "-x", "X", "short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option name '-x' must be -- and lowercase words joined by -");
        assertThatThrownBy(() -> PluginOption.values(PluginCommand.DUMP, "--file", "", "no label"))
                .hasMessage("option --file takes a value and needs a parameter label");
    }

    @Test
    void optionValuesReadByArity() {
        PluginOptions options = PluginOptions.of(java.util.Map.of("--flag", List.of("true"), "--many", List.of("a", "b")));

        assertThat(options.flag("--flag")).isTrue();
        assertThat(options.flag("--other")).isFalse();
        assertThat(options.values("--many")).containsExactly("a", "b");
        assertThat(options.value("--many")).contains("b");
        assertThat(options.value("--none")).isEmpty();
    }
}
