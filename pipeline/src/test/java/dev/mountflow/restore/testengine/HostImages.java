package dev.mountflow.restore.testengine;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Images for {@link TmpfsTestEngine}: the host's table as a private copy shows it, plus tmpfs mounts. */
public final class HostImages {
    private HostImages() {
    }

    /**
     * The host's mounts with propagation cleared (a private copy makes every mount private), then
     * a tmpfs {@code restored} on {@code target} (an existing host directory) and, nested in it, a
     * read-only shared tmpfs {@code inner} on {@code target/inner}.
     */
    public static MountImage withTmpfsAt(Path target) throws IOException {
        List<Mount> host = hostMounts();
        int parent = deepestUnder(host, target.toString());
        return image(host, """
                900001 %d 0:9001 / %s rw,relatime - tmpfs restored rw,size=1024k,mode=755
                900002 900001 0:9002 / %s/inner ro,relatime shared:1 - tmpfs inner rw,size=1024k
                """.formatted(parent, target, target));
    }

    /** The host's mounts plus the mounts of {@code mountinfo}, one namespace with id 1. */
    public static MountImage image(List<Mount> host, String mountinfo) throws IOException {
        List<Mount> mounts = new ArrayList<>(host);
        for (MountInfoEntry e : MountInfoParser.parse(new ByteArrayInputStream(mountinfo.getBytes(StandardCharsets.UTF_8)))) {
            mounts.add(e.toMount());
        }
        return new MountImage(1, "test", List.of(new MountNamespace(1, 0, 0, mounts)));
    }

    public static List<Mount> hostMounts() throws IOException {
        List<Mount> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/mountinfo"))) {
            for (MountInfoEntry e : MountInfoParser.parse(in)) {
                Mount m = e.toMount();
                out.add(new Mount(m.id(), m.parentId(), m.device(), m.root(), m.mountpoint(), m.fstype(), m.source(),
                        m.flags(), m.superFlags(), m.options(), 0, 0, false, m.deleted(), null));
            }
        }
        return out;
    }

    /** The id of the top mount at the longest mountpoint that holds {@code path}. */
    private static int deepestUnder(List<Mount> host, String path) {
        Mount best = null;
        for (Mount m : host) {
            String mp = m.mountpoint().toString();
            boolean holds = mp.equals("/") || path.equals(mp) || path.startsWith(mp + "/");
            if (holds && (best == null || mp.length() >= best.mountpoint().length())) {
                best = m;
            }
        }
        return best.id();
    }
}
