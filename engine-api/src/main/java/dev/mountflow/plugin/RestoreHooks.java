package dev.mountflow.plugin;

import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.model.MountImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one plugin does in one restore, in the order the runner uses it:
 * <ol>
 *   <li>{@link RequestAdjuster}s and {@link ImageAdjuster}s, before anything runs: the request
 *       and the view of the image the engine gets (verify still compares with the image as dumped);</li>
 *   <li>for each stage: the {@code before} hooks, the stage, the {@code after} hooks, all counted
 *       and timed as part of the stage;</li>
 *   <li>{@link PluginStage}s, at their positions, like any stage;</li>
 *   <li>{@link FreshFilesystemHook}s, whenever the engine creates a filesystem;</li>
 *   <li>{@link KernelCallHook}s, for every kernel call;</li>
 *   <li>{@link FailureHook}s, when a stage failed, before the rollback.</li>
 * </ol>
 * Plugins act in the order they were loaded, by id.
 */
public final class RestoreHooks {
    /** Changes the request before the restore starts (e.g. host paths from a plugin's options). */
    @FunctionalInterface
    public interface RequestAdjuster {
        RestoreRequest adjust(PluginContext context, RestoreRequest request) throws Exception;
    }

    /** Changes the image the engine sees (e.g. takes masters outside the image off its hands). */
    @FunctionalInterface
    public interface ImageAdjuster {
        MountImage adjust(PluginContext context, MountImage image) throws Exception;
    }

    /** The stage id that stands for every stage in {@link Builder#before} and {@link Builder#after}. */
    public static final String EVERY_STAGE = "*";

    private static final RestoreHooks NONE = builder().build();

    private final Map<String, List<StageHook>> before;
    private final Map<String, List<StageHook>> after;
    private final List<PluginStage> stages;
    private final List<FailureHook> onFailure;
    private final List<RequestAdjuster> requestAdjusters;
    private final List<ImageAdjuster> imageAdjusters;
    private final List<FreshFilesystemHook> freshFilesystems;
    private final List<KernelCallHook> kernelCalls;

    private RestoreHooks(Builder b) {
        before = copy(b.before);
        after = copy(b.after);
        stages = List.copyOf(b.stages);
        onFailure = List.copyOf(b.onFailure);
        requestAdjusters = List.copyOf(b.requestAdjusters);
        imageAdjusters = List.copyOf(b.imageAdjusters);
        freshFilesystems = List.copyOf(b.freshFilesystems);
        kernelCalls = List.copyOf(b.kernelCalls);
    }

    public static RestoreHooks none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The hooks to run before {@code stageId}: those for every stage first. */
    public List<StageHook> before(String stageId) {
        return hooks(before, stageId);
    }

    /** The hooks to run after {@code stageId}: those for every stage last. */
    public List<StageHook> after(String stageId) {
        List<StageHook> out = new ArrayList<>(after.getOrDefault(stageId, List.of()));
        if (!stageId.equals(EVERY_STAGE)) {
            out.addAll(after.getOrDefault(EVERY_STAGE, List.of()));
        }
        return out;
    }

    private static List<StageHook> hooks(Map<String, List<StageHook>> map, String stageId) {
        List<StageHook> out = new ArrayList<>(map.getOrDefault(EVERY_STAGE, List.of()));
        if (!stageId.equals(EVERY_STAGE)) {
            out.addAll(map.getOrDefault(stageId, List.of()));
        }
        return out;
    }

    public List<PluginStage> stages() {
        return stages;
    }

    public List<FailureHook> onFailure() {
        return onFailure;
    }

    public List<RequestAdjuster> requestAdjusters() {
        return requestAdjusters;
    }

    public List<ImageAdjuster> imageAdjusters() {
        return imageAdjusters;
    }

    public List<FreshFilesystemHook> freshFilesystems() {
        return freshFilesystems;
    }

    public List<KernelCallHook> kernelCalls() {
        return kernelCalls;
    }

    /**
     * Where the plugin acts, for listings: {@code request}, {@code engine-image},
     * {@code before:validate}, {@code stage ghost-files after:remount-read-only},
     * {@code fresh-filesystems}, {@code kernel-calls}, {@code on-failure}.
     */
    public List<String> touches() {
        List<String> out = new ArrayList<>();
        if (!requestAdjusters.isEmpty()) {
            out.add("request");
        }
        if (!imageAdjusters.isEmpty()) {
            out.add("engine-image");
        }
        before.keySet().forEach(id -> out.add("before:" + id));
        after.keySet().forEach(id -> out.add("after:" + id));
        stages.forEach(s -> out.add("stage " + s.id() + " " + s.position()));
        if (!freshFilesystems.isEmpty()) {
            out.add("fresh-filesystems");
        }
        if (!kernelCalls.isEmpty()) {
            out.add("kernel-calls");
        }
        if (!onFailure.isEmpty()) {
            out.add("on-failure");
        }
        return out;
    }

    private static Map<String, List<StageHook>> copy(Map<String, List<StageHook>> m) {
        Map<String, List<StageHook>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    /** Collects a plugin's hooks; each method may be called any number of times. */
    public static final class Builder {
        private final Map<String, List<StageHook>> before = new LinkedHashMap<>();
        private final Map<String, List<StageHook>> after = new LinkedHashMap<>();
        private final List<PluginStage> stages = new ArrayList<>();
        private final List<FailureHook> onFailure = new ArrayList<>();
        private final List<RequestAdjuster> requestAdjusters = new ArrayList<>();
        private final List<ImageAdjuster> imageAdjusters = new ArrayList<>();
        private final List<FreshFilesystemHook> freshFilesystems = new ArrayList<>();
        private final List<KernelCallHook> kernelCalls = new ArrayList<>();

        private Builder() {
        }

        /**
         * Runs {@code hook} right before stage {@code stageId} (an engine's, the runner's or a
         * plugin's), or before every stage for {@link #EVERY_STAGE}.
         */
        public Builder before(String stageId, StageHook hook) {
            before.computeIfAbsent(stageId, k -> new ArrayList<>()).add(hook);
            return this;
        }

        /** Runs {@code hook} right after stage {@code stageId} succeeded. */
        public Builder after(String stageId, StageHook hook) {
            after.computeIfAbsent(stageId, k -> new ArrayList<>()).add(hook);
            return this;
        }

        public Builder stage(PluginStage stage) {
            stages.add(stage);
            return this;
        }

        public Builder onFailure(FailureHook hook) {
            onFailure.add(hook);
            return this;
        }

        public Builder request(RequestAdjuster adjuster) {
            requestAdjusters.add(adjuster);
            return this;
        }

        public Builder engineImage(ImageAdjuster adjuster) {
            imageAdjusters.add(adjuster);
            return this;
        }

        public Builder freshFilesystems(FreshFilesystemHook hook) {
            freshFilesystems.add(hook);
            return this;
        }

        public Builder kernelCalls(KernelCallHook hook) {
            kernelCalls.add(hook);
            return this;
        }

        public RestoreHooks build() {
            return new RestoreHooks(this);
        }
    }
}
