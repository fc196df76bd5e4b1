package dev.mountflow.restore;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.enginev1.V1Engine;

/** The legacy engine v1 held to the engine contract. */
class V1EngineTests implements MountEngineContract {
    @Override
    public MountEngine engine() {
        return new V1Engine();
    }
}
