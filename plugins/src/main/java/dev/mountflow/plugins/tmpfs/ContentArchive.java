package dev.mountflow.plugins.tmpfs;

import dev.mountflow.model.DeviceId;

/**
 * CRIU's name for the content of one tmpfs superblock: {@code tmpfs-dev-<s_dev>.tar.gz.img}, with
 * the superblock's device in the kernel's encoding ({@link DeviceId#encoded()}), a gzip'ed tar.
 */
final class ContentArchive {
    private ContentArchive() {
    }

    static String fileName(DeviceId device) {
        return "tmpfs-dev-" + Integer.toUnsignedString(device.encoded()) + ".tar.gz.img";
    }
}
