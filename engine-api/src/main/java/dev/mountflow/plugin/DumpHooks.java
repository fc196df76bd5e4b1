package dev.mountflow.plugin;

import dev.mountflow.model.MountImage;
import java.util.ArrayList;
import java.util.List;

/**
 * What one plugin does in one dump: {@link ImageAdjuster}s change the captured image before it is
 * checked (e.g. mark mounts external), then {@link DumpHook}s add files and data to the checked
 * image as it is written.
 */
public final class DumpHooks {
    /** Changes the captured image before the dumpability checks. */
    @FunctionalInterface
    public interface ImageAdjuster {
        MountImage adjust(DumpContext context, MountImage image) throws Exception;
    }

    /** Adds files and data to the image being written. */
    @FunctionalInterface
    public interface DumpHook {
        void write(DumpContext context) throws Exception;
    }

    private static final DumpHooks NONE = builder().build();

    private final List<ImageAdjuster> imageAdjusters;
    private final List<DumpHook> writers;

    private DumpHooks(Builder b) {
        imageAdjusters = List.copyOf(b.imageAdjusters);
        writers = List.copyOf(b.writers);
    }

    public static DumpHooks none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<ImageAdjuster> imageAdjusters() {
        return imageAdjusters;
    }

    public List<DumpHook> writers() {
        return writers;
    }

    /** Where the plugin acts in a dump, for listings: {@code dump:image}, {@code dump:write}. */
    public List<String> touches() {
        List<String> out = new ArrayList<>();
        if (!imageAdjusters.isEmpty()) {
            out.add("dump:image");
        }
        if (!writers.isEmpty()) {
            out.add("dump:write");
        }
        return out;
    }

    /** Collects a plugin's dump hooks. */
    public static final class Builder {
        private final List<ImageAdjuster> imageAdjusters = new ArrayList<>();
        private final List<DumpHook> writers = new ArrayList<>();

        private Builder() {
        }

        public Builder image(ImageAdjuster adjuster) {
            imageAdjusters.add(adjuster);
            return this;
        }

        public Builder write(DumpHook hook) {
            writers.add(hook);
            return this;
        }

        public DumpHooks build() {
            return new DumpHooks(this);
        }
    }
}
