package dev.mountflow.plugins.external;

import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.error.InputException;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every external key of the image has an existing host path, and every path given is for a key the
 * image has: a mistyped key would otherwise surface mid-restore, or be silently ignored.
 */
final class ExternalKeysCheck {
    void check(MountImage image, RestoreRequest request) {
        Set<String> used = new HashSet<>();
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                if (!m.isExternal()) {
                    continue;
                }
                used.add(m.externalKey());
                if (!request.externals().containsKey(m.externalKey())) {
                    throw new InputException("namespace " + ns.id() + ", " + m.label() + " is external with key '"
                            + m.externalKey() + "': give its host path with --external mnt[" + m.externalKey() + "]:PATH");
                }
            }
        }
        for (Map.Entry<String, Path> e : request.externals().entrySet()) {
            String given = "--external mnt[" + e.getKey() + "]:" + e.getValue();
            if (!used.contains(e.getKey())) {
                throw new InputException(given + ": the image has no external mount with key '" + e.getKey() + "'");
            }
            if (!Files.exists(e.getValue())) {
                throw new InputException(given + ": '" + e.getValue() + "' does not exist");
            }
        }
    }
}
