package dev.mountflow.restore;

import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginStage;
import dev.mountflow.plugin.RestoreHooks;
import dev.mountflow.plugin.StageHook;
import dev.mountflow.plugin.StagePosition;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plugin that records where it was called: {@code before:ID}, {@code after:ID}, its stage, failures. */
final class RecordingPlugin implements PipelinePlugin {
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final StagePosition stageAt;
    private final String failAt;

    /**
     * @param stageAt where its own stage {@code recorded} runs, or null for none
     * @param failAt a hook ({@code after:populate-tree}) that throws, or null
     */
    RecordingPlugin(StagePosition stageAt, String failAt) {
        this.stageAt = stageAt;
        this.failAt = failAt;
    }

    @Override
    public String id() {
        return "recorder";
    }

    @Override
    public String description() {
        return "records its hooks";
    }

    @Override
    public RestoreHooks restoreHooks() {
        RestoreHooks.Builder b = RestoreHooks.builder()
                .before(RestoreHooks.EVERY_STAGE, hook("before"))
                .after(RestoreHooks.EVERY_STAGE, hook("after"))
                .onFailure((context, stageId, failure) -> calls.add("failed:" + stageId + ": " + failure.getMessage()));
        if (stageAt != null) {
            b.stage(new PluginStage("recorded", stageAt, "a line in the record", context -> calls.add("stage:recorded")));
        }
        return b.build();
    }

    private StageHook hook(String when) {
        return context -> {
            String call = when + ":" + context.currentStage();
            calls.add(call);
            if (call.equals(failAt)) {
                throw new IllegalStateException("boom");
            }
        };
    }
}
