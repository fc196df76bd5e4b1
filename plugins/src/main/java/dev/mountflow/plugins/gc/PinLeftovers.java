package dev.mountflow.plugins.gc;

import dev.mountflow.pin.NamespacePins;
import dev.mountflow.plugin.Leftover;
import dev.mountflow.spi.Kernel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Namespaces pinned in a directory, and pin files never pinned on. */
final class PinLeftovers {
    private final NamespacePins pins;

    PinLeftovers(Kernel kernel) {
        this.pins = new NamespacePins(kernel);
    }

    List<Leftover> find(Path dir) {
        List<Leftover> out = new ArrayList<>();
        for (NamespacePins.Pin pin : pins.pinned(dir)) {
            out.add(new Leftover("namespace pin", "'" + pin.file() + "' (" + pin.namespace() + ")", () -> pins.release(pin)));
        }
        for (Path file : pins.unfinished(dir)) {
            out.add(new Leftover("unfinished pin file", "'" + file + "'", () -> pins.removeUnfinished(file)));
        }
        return out;
    }
}
