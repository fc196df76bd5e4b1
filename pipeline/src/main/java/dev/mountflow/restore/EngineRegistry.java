package dev.mountflow.restore;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.error.InputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The mount engines a restore can choose from, by name. {@link #load()} finds them with
 * {@link ServiceLoader}; tests hand engines to the constructor and scan nothing.
 */
public final class EngineRegistry {
    private final TreeMap<String, MountEngine> byName = new TreeMap<>();

    /**
     * @throws IllegalStateException when two engines share a name: which one {@code --mount-engine}
     *     meant would depend on classpath order
     */
    public EngineRegistry(List<? extends MountEngine> engines) {
        for (MountEngine engine : engines) {
            MountEngine earlier = byName.putIfAbsent(engine.name(), engine);
            if (earlier != null) {
                throw new IllegalStateException("two mount engines are named '" + engine.name() + "': "
                        + earlier.getClass().getName() + " and " + engine.getClass().getName());
            }
        }
    }

    /** Every engine registered in {@code META-INF/services/dev.mountflow.engine.MountEngine}. */
    public static EngineRegistry load() {
        List<MountEngine> found = new ArrayList<>();
        ServiceLoader.load(MountEngine.class, EngineRegistry.class.getClassLoader()).forEach(found::add);
        return new EngineRegistry(found);
    }

    /** @throws InputException naming the known engines when none is called {@code name} */
    public MountEngine byName(String name) {
        MountEngine engine = byName.get(name);
        if (engine == null) {
            throw new InputException("unknown mount engine '" + name + "'; known engines: "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
        }
        return engine;
    }

    /** The names, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The engines, sorted by name. */
    public List<MountEngine> engines() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }
}
