package dev.mountflow.restore;

import static dev.mountflow.model.MountFlags.MS_RELATIME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.compare.ImageComparator;
import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.enginev1.V1Engine;
import dev.mountflow.enginev2.V2Engine;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Layouts a shell script cannot dump from a pivoted tmpfs root, written as images by hand, for each engine. */
class HandBuiltTests {
    static List<MountEngine> engines() {
        return List.of(new V1Engine(), new V2Engine());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aMountStackedOnTheNamespaceRoot(MountEngine engine) throws Exception {
        MountImage image = image(tmpfs(1, 0, 1, "/", "/"), tmpfs(2, 1, 2, "/", "/"), tmpfs(3, 2, 3, "/", "/a"));
        try (StageHarness restore = StageHarness.restore(engine, image, RestoreRequest.empty())) {
            assertThat(new ImageComparator().compare(image, RestoredImages.read(image, restore.context().restored()))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void twoThousandMountsInPeerGroupsOfFiftyRestoreExactly(MountEngine engine) throws Exception {
        List<Mount> mounts = new ArrayList<>();
        mounts.add(tmpfs(1, 0, 0, "/", "/"));
        int id = 2;
        for (int sb = 1; sb <= 40; sb++) {
            int dir = id;
            mounts.add(new Mount(id++, 1, new DeviceId(0, 900 + sb), RawString.SLASH, RawString.of("/d" + sb), "tmpfs",
                    RawString.of("t" + sb), MS_RELATIME, 0, RawString.EMPTY, 0, 0, false, false, null));
            for (int i = 0; i < 50; i++) {
                Mount m = tmpfs(id++, dir, sb, "/sub" + i, "/d" + sb + "/m" + i);
                mounts.add(new Mount(m.id(), m.parentId(), m.device(), m.root(), m.mountpoint(), m.fstype(),
                        RawString.of("t" + sb), m.flags(), 0, RawString.EMPTY, sb, 0, false, false, null));
            }
        }
        MountImage image = image(mounts.toArray(Mount[]::new));
        long start = System.nanoTime();
        try (StageHarness restore = StageHarness.restore(engine, image, RestoreRequest.empty())) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.err.println(engine.name() + " restored " + image.mountCount() + " mounts in " + millis + " ms");
            assertThat(new ImageComparator().compare(image, RestoredImages.read(image, restore.context().restored()))).isEmpty();
        }
    }

    private static MountImage image(Mount... mounts) {
        return new MountImage(1, "test", List.of(new MountNamespace(1, 0, 0, List.of(mounts))));
    }

    private static Mount tmpfs(int id, int parent, int minor, String root, String mountpoint) {
        return new Mount(id, parent, new DeviceId(0, 900 + minor), RawString.of(root), RawString.of(mountpoint),
                "tmpfs", RawString.of("t" + id), MS_RELATIME, 0, RawString.EMPTY, 0, 0, false, false, null);
    }
}
