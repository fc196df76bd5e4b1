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

/** The restored namespaces read back from the kernel, each mountinfo once, as an image with the image's ids. */
final class RestoredImages {
    private RestoredImages() {
    }

    static MountImage read(MountImage image, List<RestoredNamespace> restored) throws IOException {
        List<MountNamespace> namespaces = new ArrayList<>();
        for (RestoredNamespace ns : restored) {
            List<Mount> mounts = new ArrayList<>();
            try (InputStream in = Files.newInputStream(ns.thread().mountInfoPath())) {
                for (MountInfoEntry e : MountInfoParser.parse(in)) {
                    mounts.add(e.toMount());
                }
            }
            namespaces.add(new MountNamespace(ns.imageNamespaceId(), 0, 0, mounts));
        }
        namespaces.sort((a, b) -> Integer.compare(position(image, a.id()), position(image, b.id())));
        return new MountImage(image.rootNamespaceId(), "restored", namespaces);
    }

    /** The restored tables as text, for failure messages. */
    static String text(List<RestoredNamespace> restored) throws IOException {
        StringBuilder out = new StringBuilder();
        for (RestoredNamespace ns : restored) {
            out.append("namespace ").append(ns.imageNamespaceId()).append(":\n")
                    .append(Files.readString(ns.thread().mountInfoPath()));
        }
        return out.toString();
    }

    private static int position(MountImage image, int id) {
        for (int i = 0; i < image.namespaces().size(); i++) {
            if (image.namespaces().get(i).id() == id) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
