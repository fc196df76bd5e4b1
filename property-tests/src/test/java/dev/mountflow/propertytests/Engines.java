package dev.mountflow.propertytests;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.restore.EngineRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The engines the properties hold to their laws: every {@link MountEngine} that
 * {@link java.util.ServiceLoader} finds on the test classpath (v1 and v2),
 * so a new engine is covered without touching a property.
 */
final class Engines {
    private static final EngineRegistry REGISTRY = EngineRegistry.load();

    private Engines() {
    }

    /** The engines' names, sorted: the parameter of the per-engine properties. */
    static List<String> names() {
        return REGISTRY.names();
    }

    /** A fresh engine by name. */
    static MountEngine named(String name) {
        return REGISTRY.byName(name);
    }

    /** Every pair of distinct engines, each once, in name order. */
    static List<List<String>> pairs() {
        List<String> names = names();
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                pairs.add(List.of(names.get(i), names.get(j)));
            }
        }
        return pairs;
    }
}
