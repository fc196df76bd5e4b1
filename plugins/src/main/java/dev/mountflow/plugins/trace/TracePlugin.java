package dev.mountflow.plugins.trace;

import dev.mountflow.engine.StageIds;
import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.plugin.PluginOption;
import dev.mountflow.plugin.RestoreHooks;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code restore --trace FILE}: every stage's start and end with its wall time, and every kernel
 * call with its arguments, its result or errno, its duration and thread, as JSON lines
 * ({@link TraceWriter}), so that a researcher sees what an engine did and can compare two engines
 * call by call. The rollback's calls after a failure are traced too.
 */
public final class TracePlugin implements PipelinePlugin {
    public static final String ID = "trace";
    static final String OPTION = "--trace";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "per-stage timings and every kernel call with arguments and result, as JSON lines (--trace FILE)";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(PluginOption.value(PluginCommand.RESTORE, OPTION, "FILE",
                "Write every stage and kernel call of the restore to FILE as JSON lines."));
    }

    @Override
    public RestoreHooks restoreHooks() {
        AtomicReference<TraceWriter> writer = new AtomicReference<>();
        return RestoreHooks.builder()
                // Opened before anything runs, so that every call of the first stage is traced.
                .request((context, request) -> {
                    if (context.options().value(OPTION).isPresent()) {
                        writer.set(TraceWriter.open(Path.of(context.options().value(OPTION).get())));
                    }
                    return request;
                })
                .before(RestoreHooks.EVERY_STAGE, context -> {
                    TraceWriter w = writer.get();
                    if (w != null && context.currentStage().equals(StageIds.VALIDATE)) {
                        // First on the undo stack, so it is closed after every other undo, which it traces.
                        context.restore().rollback().push("trace file", w);
                    }
                    if (w != null) {
                        w.stageStarted(context.currentStage());
                    }
                })
                .after(RestoreHooks.EVERY_STAGE, context -> {
                    TraceWriter w = writer.get();
                    if (w != null) {
                        w.stageEnded(context.currentStage());
                        if (context.currentStage().equals(StageIds.PUBLISH)) {
                            w.close();
                        }
                    }
                })
                .onFailure((context, stageId, failure) -> {
                    TraceWriter w = writer.get();
                    if (w != null) {
                        w.stageFailed(stageId, failure);
                    }
                })
                .kernelCalls(event -> {
                    TraceWriter w = writer.get();
                    if (w != null) {
                        w.call(event);
                    }
                })
                .build();
    }
}
