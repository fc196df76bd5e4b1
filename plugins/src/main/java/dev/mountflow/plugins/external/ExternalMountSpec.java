package dev.mountflow.plugins.external;

import dev.mountflow.error.InputException;
import dev.mountflow.model.RawString;

/**
 * A dump-time {@code --external mnt[MOUNTPOINT]:KEY}: the mount at MOUNTPOINT gets its content from
 * the host at restore, where the operator maps KEY to a path (CRIU's spelling).
 */
public record ExternalMountSpec(RawString mountpoint, String key) {
    public static ExternalMountSpec parse(String text) {
        int close = text.lastIndexOf("]:");
        if (!text.startsWith("mnt[") || close < 0) {
            throw new InputException("--external '" + text + "': expected mnt[MOUNTPOINT]:KEY");
        }
        String mountpoint = text.substring(4, close);
        String key = text.substring(close + 2);
        if (!mountpoint.startsWith("/")) {
            throw new InputException("--external '" + text + "': mountpoint '" + mountpoint + "' is not absolute");
        }
        if (key.isEmpty() || key.contains("/") || key.contains(" ")) {
            throw new InputException("--external '" + text + "': key '" + key + "' must be a non-empty word without '/' or spaces");
        }
        return new ExternalMountSpec(RawString.of(mountpoint), key);
    }
}
