package dev.mountflow.restore;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.enginev1.V1Engine;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.restore.corpus.LayoutCorpus.Layout;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy engine v1 held to the engine contract. It refuses one corpus layout: peers each
 * holding a mount the other lacks, which inheritance cannot build in any order.
 */
class V1EngineTests implements MountEngineContract {
    /** The corpus layouts v1 refuses, by name; {@link #refusal} gives each one's message. */
    static final Set<String> REFUSED = Set.of("peersEachHoldingAMountTheOtherLacks");

    @Override
    public MountEngine engine() {
        return new V1Engine();
    }

    @Override
    public Optional<String> refusal(Layout layout, MountImage image) {
        if (!REFUSED.contains(layout.name())) {
            return Optional.empty();
        }
        return Optional.of("""
                v1 cannot build this image by inheriting sharing (use --mount-engine v2, which sets peer groups \
                and masters directly):
                  namespace 1, %2$s: no creation order keeps propagation from adding copies the image does not \
                show: %2$s would be copied onto %3$s, a peer of its parent that shows no copy of it, unless that peer \
                comes later; %3$s holds %4$s; %4$s would be copied onto %1$s, a peer of its parent that shows no copy \
                of it, unless that peer comes later; %1$s holds %2$s""".formatted(
                label(image, "/s"), label(image, "/s/x"), label(image, "/q"), label(image, "/q/y")));
    }

    private static String label(MountImage image, String mountpoint) {
        return image.namespaces().get(0).mounts().stream().filter(m -> m.mountpoint().toString().equals(mountpoint))
                .findFirst().map(Mount::label).orElseThrow();
    }
}
