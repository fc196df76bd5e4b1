package dev.mountflow.propertytests;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoFormatter;
import java.nio.charset.StandardCharsets;

/** An image as mountinfo text, namespace by namespace, for failure messages and falsified values. */
final class ImageText {
    private ImageText() {
    }

    static String render(MountImage image) {
        StringBuilder out = new StringBuilder();
        for (MountNamespace ns : image.namespaces()) {
            out.append("  namespace ").append(ns.id()).append(ns.id() == image.rootNamespaceId() ? " (root)" : "")
                    .append(":\n");
            for (Mount m : ns.mounts()) {
                out.append("    ").append(new String(MountInfoFormatter.formatLine(MountInfoEntry.fromMount(m)),
                        StandardCharsets.UTF_8));
                if (m.isExternal()) {
                    out.setLength(out.length() - 1);
                    out.append("  [external ").append(m.externalKey()).append("]\n");
                }
            }
        }
        return out.toString();
    }
}
