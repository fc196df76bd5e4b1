package dev.mountflow.dump;

import dev.mountflow.error.InputException;
import dev.mountflow.error.IoMessages;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.validate.ImageValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mountflow dump}: captures live mount namespaces into an image, refusing what a restore
 * could not rebuild faithfully. Each namespace's mountinfo is read exactly once.
 */
public final class Dumper {
    private final LiveNamespaceReader reader;
    private final String toolVersion;

    public Dumper(LiveNamespaceReader reader, String toolVersion) {
        this.reader = reader;
        this.toolVersion = toolVersion;
    }

    /** Reads, checks and writes the image; nothing is written when a check fails. */
    public MountImage dump(DumpRequest request, Path dir) {
        MountImage image = capture(request);
        try {
            ImageDirectory.write(dir, image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image to '" + dir + "': " + IoMessages.describe(e), e);
        }
        return image;
    }

    /** Reads the live namespaces into a checked, validated image. */
    public MountImage capture(DumpRequest request) {
        return check(toImage(reader.read(request.pid(), request.tree())), request.externals());
    }

    /** Turns live namespaces into an image: namespace ids 1, 2, … in discovery order. */
    public MountImage toImage(List<LiveNamespace> live) {
        List<MountNamespace> namespaces = new ArrayList<>(live.size());
        int nextId = 1;
        for (LiveNamespace ns : live) {
            int id = nextId++;
            List<Mount> mounts = new ArrayList<>(ns.entries().size());
            for (MountInfoEntry entry : ns.entries()) {
                try {
                    mounts.add(entry.toMount());
                } catch (IllegalArgumentException e) {
                    throw new DumpRefusedException(List.of("namespace " + id + " (pid " + ns.pid() + "), mount "
                            + entry.mountId() + " '" + entry.mountpoint() + "': " + e.getMessage()));
                }
            }
            namespaces.add(new MountNamespace(id, ns.pid(), ns.kernelId(), mounts));
        }
        return new MountImage(namespaces.get(0).id(), toolVersion, namespaces);
    }

    /** Marks external mounts, then refuses what cannot be restored, then validates. */
    public MountImage check(MountImage captured, List<ExternalMountSpec> externals) {
        MountImage image = markExternal(captured, externals);
        List<String> problems = new DumpabilityCheck().problems(image);
        if (!problems.isEmpty()) {
            throw new DumpRefusedException(problems);
        }
        new ImageValidator().validate(image);
        return image;
    }

    private static MountImage markExternal(MountImage image, List<ExternalMountSpec> externals) {
        if (externals.isEmpty()) {
            return image;
        }
        Map<RawString, String> keys = new HashMap<>();
        for (ExternalMountSpec spec : externals) {
            if (keys.put(spec.mountpoint(), spec.key()) != null) {
                throw new InputException("--external mnt[" + spec.mountpoint() + "] is given twice");
            }
        }
        Map<RawString, Boolean> used = new HashMap<>();
        List<MountNamespace> namespaces = new ArrayList<>();
        for (MountNamespace ns : image.namespaces()) {
            List<Mount> mounts = new ArrayList<>(ns.mounts().size());
            for (Mount m : ns.mounts()) {
                String key = keys.get(m.mountpoint());
                if (key != null) {
                    used.put(m.mountpoint(), true);
                    m = m.withExternalKey(key);
                }
                mounts.add(m);
            }
            namespaces.add(ns.withMounts(mounts));
        }
        for (ExternalMountSpec spec : externals) {
            if (!used.containsKey(spec.mountpoint())) {
                throw new InputException("--external mnt[" + spec.mountpoint() + "]:" + spec.key()
                        + ": no dumped mount has mountpoint '" + spec.mountpoint() + "'");
            }
        }
        return new MountImage(image.rootNamespaceId(), image.toolVersion(), namespaces);
    }
}
