package dev.mountflow.restore;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.enginev2.V2Engine;

/** The mount-v2 engine held to the engine contract. */
class V2EngineTests implements MountEngineContract {
    @Override
    public MountEngine engine() {
        return new V2Engine();
    }
}
