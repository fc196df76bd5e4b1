package dev.mountflow.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.error.InputException;
import dev.mountflow.error.IoMessages;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.image.Manifest;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.plugin.FailureHook;
import dev.mountflow.plugin.FreshFilesystemHook;
import dev.mountflow.plugin.KernelCallHook;
import dev.mountflow.plugin.PluginContext;
import dev.mountflow.plugin.PluginException;
import dev.mountflow.plugin.PluginInputException;
import dev.mountflow.plugin.PluginOptions;
import dev.mountflow.plugin.PluginStage;
import dev.mountflow.plugin.RestoreHooks;
import dev.mountflow.plugin.StageHook;
import dev.mountflow.plugin.StagePosition;
import dev.mountflow.pluginset.ActivePlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The plugins of one restore: each plugin's hooks, made once, and its context. Wraps whatever a
 * plugin throws so that the message names it: an {@link InputException} stays one (exit 2), the
 * rest become {@link PluginException}s.
 */
final class RestorePlugins {
    /** One plugin in this restore. */
    private static final class Run {
        final ActivePlugin active;
        final RestoreHooks hooks;
        final Context context;

        Run(ActivePlugin active, RestoreHooks hooks, Context context) {
            this.active = active;
            this.hooks = hooks;
            this.context = context;
        }

        String id() {
            return active.id();
        }
    }

    private final List<Run> runs = new ArrayList<>();

    private RestorePlugins() {
    }

    /** Makes each plugin's hooks and context for {@code job}; reads the manifest's plugin data once. */
    static RestorePlugins start(List<ActivePlugin> plugins, RestoreJob job, Consumer<String> log) {
        RestorePlugins out = new RestorePlugins();
        if (plugins.isEmpty()) {
            return out;
        }
        ObjectNode data = pluginData(job.imageDir());
        for (ActivePlugin p : plugins) {
            RestoreHooks hooks;
            try {
                hooks = p.plugin().restoreHooks();
            } catch (RuntimeException e) {
                throw new PluginException(p.id(), "failed making its restore hooks", e);
            }
            JsonNode own = data == null || !data.has(p.id()) ? MissingNode.getInstance() : data.get(p.id());
            out.runs.add(new Run(p, hooks, new Context(p.id(), job.image(), p.options(),
                    Optional.ofNullable(job.imageDir()), own, log)));
        }
        return out;
    }

    private static ObjectNode pluginData(Path dir) {
        if (dir == null) {
            return null;
        }
        try {
            return ImageDirectory.readManifest(dir).map(Manifest::pluginData).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of '" + dir + "': " + IoMessages.describe(e), e);
        }
    }

    RestoreRequest adjust(RestoreRequest request) {
        for (Run r : runs) {
            for (RestoreHooks.RequestAdjuster a : r.hooks.requestAdjusters()) {
                RestoreRequest current = request;
                request = call(r, "failed adjusting the request", () -> a.adjust(r.context, current));
            }
        }
        return request;
    }

    MountImage adjust(MountImage image) {
        for (Run r : runs) {
            for (RestoreHooks.ImageAdjuster a : r.hooks.imageAdjusters()) {
                MountImage current = image;
                image = call(r, "failed adjusting the engine's image", () -> a.adjust(r.context, current));
            }
        }
        return image;
    }

    /** Hands {@code context} to every plugin and registers their fresh-filesystem and kernel-call hooks. */
    void attach(RestoreContext context, StageKernel kernel) {
        for (Run r : runs) {
            r.context.restore = context;
            for (FreshFilesystemHook hook : r.hooks.freshFilesystems()) {
                context.onFreshFilesystem(new RestoreContext.FreshFilesystemListener() {
                    @Override
                    public void created(Mount first, int rootFd) {
                        call(r, "failed filling a new " + first.fstype() + " filesystem (device " + first.device()
                                + ", " + first.label() + ")", () -> {
                                    hook.created(r.context, first, rootFd);
                                    return null;
                                });
                    }

                    @Override
                    public boolean listening() {
                        return hook.wanted(r.context);
                    }
                });
            }
            for (KernelCallHook hook : r.hooks.kernelCalls()) {
                kernel.observe(hook);
            }
        }
    }

    /**
     * {@code stages} with every plugin's own stages at their positions, in plugin order per position.
     *
     * @throws IllegalStateException for a position against no stage of the pipeline, before validate,
     *     or a stage id that is taken
     */
    List<Stage> place(List<Stage> stages) {
        Set<String> ids = new HashSet<>();
        stages.forEach(s -> ids.add(s.id()));
        List<Stage> out = new ArrayList<>();
        for (Stage stage : stages) {
            out.addAll(placed(StagePosition.before(stage.id()), ids));
            out.add(stage);
            out.addAll(placed(StagePosition.after(stage.id()), ids));
        }
        for (Run r : runs) {
            for (PluginStage s : r.hooks.stages()) {
                if (!out.stream().anyMatch(x -> x instanceof PluginStageRun run && run.stage == s)) {
                    throw new IllegalStateException("plugin '" + r.id() + "' places its stage '" + s.id() + "' at "
                            + s.position() + ", but the pipeline has no stage '" + s.position().stageId() + "'");
                }
            }
        }
        return out;
    }

    private List<Stage> placed(StagePosition position, Set<String> ids) {
        List<Stage> out = new ArrayList<>();
        for (Run r : runs) {
            for (PluginStage s : r.hooks.stages()) {
                if (!s.position().equals(position)) {
                    continue;
                }
                if (position.equals(StagePosition.before(StageIds.VALIDATE))) {
                    throw new IllegalStateException("plugin '" + r.id() + "' places its stage '" + s.id()
                            + "' before validate; nothing may act on an image that was not checked");
                }
                if (!ids.add(s.id())) {
                    throw new IllegalStateException("plugin '" + r.id() + "' names its stage '" + s.id()
                            + "', which another stage already has");
                }
                out.add(new PluginStageRun(r, s));
            }
        }
        return out;
    }

    /** The plugins' hooks for right before stage {@code id}. */
    void before(String id) {
        for (Run r : runs) {
            r.context.stage = id;
            for (StageHook hook : r.hooks.before(id)) {
                call(r, "failed before stage '" + id + "'", () -> {
                    hook.run(r.context);
                    return null;
                });
            }
        }
    }

    void after(String id) {
        for (Run r : runs) {
            for (StageHook hook : r.hooks.after(id)) {
                call(r, "failed after stage '" + id + "'", () -> {
                    hook.run(r.context);
                    return null;
                });
            }
        }
    }

    /** The failure hooks, each allowed to fail on its own: what they throw is added to {@code failure}. */
    void failed(String id, Throwable failure) {
        for (Run r : runs) {
            for (FailureHook hook : r.hooks.onFailure()) {
                try {
                    hook.failed(r.context, id, failure);
                } catch (Exception | LinkageError e) {
                    failure.addSuppressed(new PluginException(r.id(), "failed in its failure hook", e));
                }
            }
        }
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T call(Run r, String where, Call<T> call) {
        try {
            return call.call();
        } catch (PluginException | PluginInputException e) {
            throw e;
        } catch (InputException e) {
            throw new PluginInputException(r.id(), e);
        } catch (Exception e) {
            throw new PluginException(r.id(), where, e);
        }
    }

    /** A plugin's stage as the runner runs stages. */
    private static final class PluginStageRun implements Stage {
        private final Run run;
        private final PluginStage stage;

        PluginStageRun(Run run, PluginStage stage) {
            this.run = run;
            this.stage = stage;
        }

        @Override
        public String id() {
            return stage.id();
        }

        @Override
        public String leavesBehind() {
            return stage.leavesBehind() + " (plugin " + run.id() + ")";
        }

        @Override
        public void run(RestoreContext context) {
            call(run, "failed in its stage '" + stage.id() + "'", () -> {
                stage.body().run(run.context);
                return null;
            });
        }
    }

    /** A plugin's view of the restore. */
    private static final class Context implements PluginContext {
        private final String id;
        private final MountImage image;
        private final PluginOptions options;
        private final Optional<Path> imageDir;
        private final JsonNode data;
        private final Consumer<String> log;
        private volatile RestoreContext restore;
        private volatile String stage;

        Context(String id, MountImage image, PluginOptions options, Optional<Path> imageDir, JsonNode data,
                Consumer<String> log) {
            this.id = id;
            this.image = image;
            this.options = options;
            this.imageDir = imageDir;
            this.data = data;
            this.log = log;
        }

        @Override
        public String pluginId() {
            return id;
        }

        @Override
        public MountImage image() {
            return image;
        }

        @Override
        public PluginOptions options() {
            return options;
        }

        @Override
        public Optional<Path> imageDir() {
            return imageDir;
        }

        @Override
        public JsonNode pluginData() {
            return data;
        }

        @Override
        public RestoreContext restore() {
            if (restore == null) {
                throw new IllegalStateException("the restore context does not exist yet while the request and image are adjusted");
            }
            return restore;
        }

        @Override
        public String currentStage() {
            return stage;
        }

        @Override
        public void log(String message) {
            log.accept(id + ": " + message);
        }
    }
}
