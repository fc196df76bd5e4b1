package dev.mountflow.cli.render;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.io.PrintWriter;

/** The image as a flat list with ids, parents, devices and roots: findmnt {@code --list} plus ids. */
public final class MountListRenderer {

    public void render(MountImage image, PrintWriter out) {
        TextTable table = new TextTable("NS", "ID", "PARENT", "DEVICE", "TARGET", "SOURCE", "FSTYPE", "OPTIONS", "PROPAGATION");
        for (MountNamespace ns : image.namespaces()) {
            for (Mount m : ns.mounts()) {
                table.add(Integer.toString(ns.id()), Integer.toString(m.id()), Integer.toString(m.parentId()),
                        m.device().toString(), m.mountpoint().toString(), MountColumns.source(m), m.fstype(),
                        MountColumns.options(m), MountColumns.propagation(m));
            }
        }
        table.print(out);
        out.flush();
    }
}
