package dev.mountflow.restore;

import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads restored namespaces back from the kernel as an image: each namespace's
 * {@code /proc/<tid>/mountinfo} once, under the image's namespace id. The kernel shows mountpoints
 * relative to the namespace thread's root, so a pivoted namespace reads as its own tree.
 */
final class RestoredImageReader {
    MountImage read(MountImage image, List<RestoredNamespace> restored) throws IOException {
        List<MountNamespace> namespaces = new ArrayList<>(restored.size());
        for (RestoredNamespace ns : restored) {
            List<Mount> mounts;
            // Read a chunk ahead on another thread: the kernel writes the text while this one
            // parses each line into a mount.
            try (InputStream in = ReadAheadStream.of(Files.newInputStream(ns.thread().mountInfoPath()))) {
                mounts = MountInfoParser.parse(in, MountInfoEntry::toMount);
            }
            namespaces.add(new MountNamespace(ns.imageNamespaceId(), ns.thread().tid(), kernelId(ns), mounts));
        }
        return new MountImage(image.rootNamespaceId(), image.toolVersion(), namespaces);
    }

    private static long kernelId(RestoredNamespace ns) throws IOException {
        String link = Files.readSymbolicLink(ns.thread().namespacePath()).toString();
        return Long.parseLong(link.substring(link.indexOf('[') + 1, link.length() - 1));
    }
}
