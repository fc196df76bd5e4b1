package dev.mountflow.restore;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.enginev1.V1Engine;

/** The v1 engine against hostile or incomplete input. */
class V1SafetyTests extends EngineSafetyTests {
    @Override
    MountEngine engine() {
        return new V1Engine();
    }

    @Override
    String symlinkAfterValidation() {
        return "populate-tree: namespace 1, mount 2 '/a':"
                + " openat2 fd=\\d+ path='a' flags=O_CLOEXEC\\|O_PATH"
                + " resolve=RESOLVE_NO_XDEV\\|RESOLVE_NO_SYMLINKS\\|RESOLVE_BENEATH:"
                + " ELOOP \\(Too many levels of symbolic links\\)";
    }
}
