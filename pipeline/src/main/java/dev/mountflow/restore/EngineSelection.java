package dev.mountflow.restore;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.error.InputException;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns {@code --mount-engine NAME|auto} into the engine that runs, checked against what the
 * running kernel can do (a {@link KernelFeatures} probe, as CRIU's kerndat checks before choosing
 * mount-v2): a named engine that cannot run here is refused with the reason; {@code auto} takes
 * the first of {@link #AUTO_ORDER} that can, and says why it passed over the others.
 */
public final class EngineSelection {
    public static final String AUTO = "auto";
    /** The engines {@code auto} considers, best first: mount-v2 builds every topology, v1 only some. */
    public static final List<String> AUTO_ORDER = List.of("v2", "v1");

    /**
     * The engine chosen and one line on why, for the log.
     *
     * @param fellBack whether {@code auto} passed over a better engine that cannot run here
     */
    public record Choice(MountEngine engine, String reason, boolean fellBack) {
    }

    private EngineSelection() {
    }

    /**
     * @throws InputException naming the engine and what the kernel lacks when {@code requested}
     *     cannot run here, or every candidate's reason when {@code auto} finds none
     */
    public static Choice choose(String requested, EngineRegistry registry, Supplier<KernelFeatures> probe) {
        if (!requested.equals(AUTO)) {
            MountEngine engine = registry.byName(requested);
            FeatureStatus status = engine.canRun(probe.get());
            if (!status.available()) {
                throw new InputException("mount engine '" + requested + "' cannot run on this kernel: " + status.reason()
                        + " (see mountflow check)");
            }
            return new Choice(engine, "mount engine '" + requested + "' as asked", false);
        }
        KernelFeatures features = probe.get();
        List<String> passedOver = new ArrayList<>();
        for (String name : AUTO_ORDER) {
            if (!registry.names().contains(name)) {
                continue;
            }
            MountEngine engine = registry.byName(name);
            FeatureStatus status = engine.canRun(features);
            if (status.available()) {
                String reason = passedOver.isEmpty()
                        ? "mount engine auto: chose '" + name + "', which this kernel can run"
                        : "mount engine auto: chose '" + name + "' because " + String.join("; ", passedOver);
                return new Choice(engine, reason, !passedOver.isEmpty());
            }
            passedOver.add("'" + name + "' cannot run on this kernel: " + status.reason());
        }
        throw new InputException("mount engine auto: no engine can run on this kernel: "
                + (passedOver.isEmpty() ? "none of " + AUTO_ORDER + " is installed" : String.join("; ", passedOver))
                + " (see mountflow check)");
    }
}
