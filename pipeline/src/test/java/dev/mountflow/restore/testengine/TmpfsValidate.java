package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.error.InputException;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Leaves the list of tmpfs mounts to make: the image's mounts on paths the host has no mount on. */
final class TmpfsValidate implements Stage {
    private final TmpfsRestore restore;

    TmpfsValidate(TmpfsRestore restore) {
        this.restore = restore;
    }

    @Override
    public String id() {
        return StageIds.VALIDATE;
    }

    @Override
    public String leavesBehind() {
        return "a checked graph: one namespace, fresh tmpfs mounts on top of the host's table";
    }

    @Override
    public void run(RestoreContext context) throws Exception {
        MountImage image = context.image();
        if (image.namespaces().size() != 1) {
            throw new InputException("engine " + TmpfsTestEngine.NAME + " restores one namespace, the image has "
                    + image.namespaces().size());
        }
        Set<RawString> host;
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/mountinfo"))) {
            host = MountInfoParser.parse(in).stream().map(MountInfoEntry::mountpoint).collect(Collectors.toSet());
        }
        List<Mount> extras = new ArrayList<>();
        for (Mount m : image.namespaces().get(0).mounts()) {
            if (host.contains(m.mountpoint())) {
                continue;
            }
            if (!m.fstype().equals("tmpfs") || m.isSlave()) {
                throw new InputException("engine " + TmpfsTestEngine.NAME + " makes only fresh tmpfs mounts, not "
                        + m.label());
            }
            extras.add(m);
        }
        restore.extras = List.copyOf(extras);
    }
}
