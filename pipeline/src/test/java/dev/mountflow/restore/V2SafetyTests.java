package dev.mountflow.restore;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.enginev2.V2Engine;

/** The v2 engine against hostile or incomplete input. */
class V2SafetyTests extends EngineSafetyTests {
    @Override
    MountEngine engine() {
        return new V2Engine();
    }

    @Override
    String symlinkAfterValidation() {
        return "populate-tree: namespace 1, mount 2 '/a' mountpoint 'a' in --root '/mnt/content':"
                + " openat2 fd=\\d+ path='a' flags=O_CLOEXEC\\|O_PATH"
                + " resolve=RESOLVE_NO_XDEV\\|RESOLVE_NO_SYMLINKS\\|RESOLVE_BENEATH:"
                + " ELOOP \\(Too many levels of symbolic links\\)";
    }
}
