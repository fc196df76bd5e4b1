package dev.mountflow.propertytests;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.error.InputException;
import dev.mountflow.model.Mount;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.util.ArrayList;
import java.util.List;

/**
 * Another engine's stages under another name, refusing in {@code validate} every image with a
 * mount of a deleted source, as an engine that cannot build some layouts does: a second engine
 * for testing the pairwise property while only one engine is registered.
 */
final class RefusingEngine implements MountEngine {
    private final MountEngine engine;
    private final String name;

    RefusingEngine(MountEngine engine, String name) {
        this.engine = engine;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return engine.description() + ", refusing deleted sources";
    }

    @Override
    public FeatureStatus canRun(KernelFeatures features) {
        return engine.canRun(features);
    }

    @Override
    public List<Stage> stages() {
        List<Stage> stages = new ArrayList<>(engine.stages());
        Stage validate = stages.get(0);
        stages.set(0, new Stage() {
            @Override
            public String id() {
                return validate.id();
            }

            @Override
            public String leavesBehind() {
                return validate.leavesBehind();
            }

            @Override
            public void run(RestoreContext context) throws Exception {
                for (var ns : context.image().namespaces()) {
                    for (Mount m : ns.mounts()) {
                        if (m.deleted()) {
                            throw new InputException(name + " cannot restore this image:\n  namespace " + ns.id()
                                    + ", " + m.label() + ": its source was deleted");
                        }
                    }
                }
                validate.run(context);
            }
        });
        return stages;
    }
}
