package dev.mountflow.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the operator asked of a restore, besides the image.
 *
 * @param root the content of the image's root namespace's root mount ({@code --root}), or null
 * @param externals host paths for the image's external keys ({@code --external mnt[KEY]:PATH})
 * @param createMountpoints whether a mountpoint missing from host-backed content may be created
 */
public record RestoreRequest(Path root, Map<String, Path> externals, boolean createMountpoints) {
    public RestoreRequest {
        externals = Map.copyOf(externals);
    }

    public static RestoreRequest empty() {
        return new RestoreRequest(null, Map.of(), false);
    }
}
