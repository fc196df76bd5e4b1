package dev.mountflow.plugins.external;

import dev.mountflow.error.InputException;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks the mounts a dump's {@code --external mnt[MOUNTPOINT]:KEY} names as external, in every
 * namespace of the image; a mountpoint given twice or matching no mount is an error.
 */
final class ExternalMarker {
    MountImage mark(MountImage image, List<ExternalMountSpec> externals) {
        if (externals.isEmpty()) {
            return image;
        }
        Map<RawString, String> keys = new HashMap<>();
        for (ExternalMountSpec spec : externals) {
            if (keys.put(spec.mountpoint(), spec.key()) != null) {
                throw new InputException("--external mnt[" + spec.mountpoint() + "] is given twice");
            }
        }
        Set<RawString> used = new HashSet<>();
        List<MountNamespace> namespaces = new ArrayList<>();
        for (MountNamespace ns : image.namespaces()) {
            List<Mount> mounts = new ArrayList<>(ns.mounts().size());
            for (Mount m : ns.mounts()) {
                String key = keys.get(m.mountpoint());
                if (key != null) {
                    used.add(m.mountpoint());
                    m = m.withExternalKey(key);
                }
                mounts.add(m);
            }
            namespaces.add(ns.withMounts(mounts));
        }
        for (ExternalMountSpec spec : externals) {
            if (!used.contains(spec.mountpoint())) {
                throw new InputException("--external mnt[" + spec.mountpoint() + "]:" + spec.key()
                        + ": no dumped mount has mountpoint '" + spec.mountpoint() + "'");
            }
        }
        return new MountImage(image.rootNamespaceId(), image.toolVersion(), namespaces);
    }
}
