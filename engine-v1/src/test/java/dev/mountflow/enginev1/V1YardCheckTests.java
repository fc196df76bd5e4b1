package dev.mountflow.enginev1;

import static dev.mountflow.enginev1.V1ValidateTests.image;
import static dev.mountflow.enginev1.V1ValidateTests.mount;
import static dev.mountflow.enginev1.V1ValidateTests.ns;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.build.BuildPlanner;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.model.MountImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-back after populate-tree, on mount tables as the work namespace shows them: the trees
 * under the yard must be the image's with the sharing inheritance gives, whatever their content.
 */
class V1YardCheckTests {
    private static final int ROOT_PARENT = 99;
    private static final String HOST_AND_YARD = """
            24 1 254:0 / / rw,relatime - ext4 /dev/vda rw
            60 24 0:40 / /mnt rw,nosuid,nodev,relatime - tmpfs mountflow-yard rw,mode=700
            """;
    /** Peers on /a and /b, and a tmpfs alone in its peer group on /c, shared only later. */
    private static final MountImage IMAGE = image(ns(1,
            mount(1, ROOT_PARENT, 1, "/", "/"),
            mount(2, 1, 2, "/", "/a").shared(5),
            mount(3, 1, 2, "/", "/b").shared(5),
            mount(4, 1, 3, "/", "/c").shared(9)));

    @TempDir
    Path dir;

    @Test
    void theTreesAsPlannedPassWhateverTheirContentAndLateMarks() throws Exception {
        Path table = table("""
                61 60 0:41 / /mnt/ns-1 rw,relatime - tmpfs other-source rw
                62 61 0:42 / /mnt/ns-1/a rw,relatime shared:17 - tmpfs a rw
                63 61 0:42 /sub /mnt/ns-1/b rw,relatime shared:17 - tmpfs a rw
                64 61 0:43 / /mnt/ns-1/c rw,relatime - tmpfs c rw
                65 60 0:42 / /mnt/helper-5 rw,relatime shared:17 - tmpfs a rw
                """);

        assertThatCode(() -> V1YardCheck.check("populate-tree", IMAGE, plan(IMAGE), table)).doesNotThrowAnyException();
    }

    @Test
    void aPropagatedCopyThePlanDidNotForeseeFailsTheStageNamingIt() throws Exception {
        Path table = table("""
                61 60 0:41 / /mnt/ns-1 rw,relatime - tmpfs rootfs rw
                62 61 0:42 / /mnt/ns-1/a rw,relatime shared:17 - tmpfs a rw
                63 61 0:42 / /mnt/ns-1/b rw,relatime shared:17 - tmpfs a rw
                66 63 0:44 / /mnt/ns-1/b/x rw,relatime shared:18 - tmpfs x rw
                64 61 0:43 / /mnt/ns-1/c rw,relatime shared:19 - tmpfs c rw
                """);

        assertThatThrownBy(() -> V1YardCheck.check("populate-tree", IMAGE, plan(IMAGE), table))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("""
                        populate-tree: the trees under the roots yard differ from the image in 2 difference(s)
                          namespace 1 '/b/x': unexpected mount (tmpfs 'x')
                          namespace 1 '/c': peer group differs: expected private, got a new peer group""");
    }

    private Path table(String trees) throws Exception {
        Path file = dir.resolve("mountinfo");
        Files.writeString(file, HOST_AND_YARD + trees);
        return file;
    }

    private static V1Plan plan(MountImage image) {
        return new V1Planner(new BuildPlanner(image, RestoreRequest.empty(), new ArrayList<>()).plan()).plan();
    }
}
