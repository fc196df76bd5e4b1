package dev.mountflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoFormatter;
import java.nio.charset.StandardCharsets;
import dev.mountflow.validate.ImageValidator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BenchLayoutsTests {
    private final ImageValidator validator = new ImageValidator();

    @ParameterizedTest
    @EnumSource(Layout.class)
    void everyLayoutValidatesWithExactlyTheMountsAskedFor(Layout layout) {
        for (int n : new int[] {1, 2, 10, 10_000}) {
            MountImage image = BenchLayouts.generate(layout, n);
            assertThat(validator.problems(image)).as("%s %d", layout, n).isEmpty();
            assertThat(image.mountCount()).isEqualTo(n);
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void theLargestImagesValidateAndKeepPathsShort(Layout layout) {
        MountImage image = BenchLayouts.generate(layout, BenchLayouts.MAX_MOUNTS);
        assertThat(validator.problems(image)).isEmpty();
        assertThat(mounts(image).stream().mapToInt(m -> m.mountpoint().length()).max().orElseThrow()).isLessThan(200);
    }

    @Test
    void flatAtTenReadsAsTheKernelWouldShowIt() {
        assertThat(mountinfo(Layout.FLAT, 4)).isEqualTo("""
                2 1 0:100 / / rw,relatime - tmpfs bench rw,size=1024k,mode=755
                3 2 0:101 / /flat/1 rw,relatime - tmpfs bench rw,size=1024k,mode=755
                4 2 0:102 / /flat/2 rw,relatime - tmpfs bench rw,size=1024k,mode=755
                5 2 0:103 / /flat/3 rw,relatime - tmpfs bench rw,size=1024k,mode=755
                """);
    }

    @Test
    void bindsShowSubdirectoriesOfAFewSuperblocks() {
        assertThat(mountinfo(Layout.BINDS, 8)).isEqualTo("""
                2 1 0:100 / / rw,relatime - tmpfs bench rw,size=1024k,mode=755
                3 2 0:101 / /sb/0 rw,relatime - tmpfs bench rw,size=1024k,mode=755
                4 2 0:102 / /sb/1 rw,relatime - tmpfs bench rw,size=1024k,mode=755
                5 2 0:103 / /sb/2 rw,relatime - tmpfs bench rw,size=1024k,mode=755
                6 2 0:104 / /sb/3 rw,relatime - tmpfs bench rw,size=1024k,mode=755
                7 2 0:101 /dir/0 /bind/0 rw,relatime - tmpfs bench rw,size=1024k,mode=755
                8 2 0:102 /dir/1 /bind/1 rw,relatime - tmpfs bench rw,size=1024k,mode=755
                9 2 0:103 /dir/2 /bind/2 rw,relatime - tmpfs bench rw,size=1024k,mode=755
                """);
    }

    @Test
    void nestedChainsRestartAtTheBoundedDepth() {
        MountImage image = BenchLayouts.generate(Layout.NESTED, 2 + BenchLayouts.CHAIN_DEPTH);
        List<Mount> mounts = mounts(image);
        Mount deepest = mounts.get(BenchLayouts.CHAIN_DEPTH);
        Mount nextChain = mounts.get(BenchLayouts.CHAIN_DEPTH + 1);
        assertThat(deepest.mountpoint().toString()).isEqualTo("/nest/0" + "/d".repeat(BenchLayouts.CHAIN_DEPTH - 1));
        assertThat(deepest.parentId()).isEqualTo(mounts.get(BenchLayouts.CHAIN_DEPTH - 1).id());
        assertThat(nextChain.mountpoint().toString()).isEqualTo("/nest/1");
        assertThat(nextChain.parentId()).isEqualTo(mounts.get(0).id());
    }

    @Test
    void groupsAreFourPeersWithDifferentRootsAndASlaveGroup() {
        assertThat(mountinfo(Layout.GROUPS, 11)).isEqualTo("""
                2 1 0:100 / / rw,relatime - tmpfs bench rw,size=1024k,mode=755
                3 2 0:101 / /group/0/0 rw,relatime shared:1 - tmpfs bench rw,size=1024k,mode=755
                4 2 0:101 /a/1 /group/0/1 rw,relatime shared:1 - tmpfs bench rw,size=1024k,mode=755
                5 2 0:101 /a/2 /group/0/2 rw,relatime shared:1 - tmpfs bench rw,size=1024k,mode=755
                6 2 0:101 /a/3 /group/0/3 rw,relatime shared:1 - tmpfs bench rw,size=1024k,mode=755
                7 2 0:101 /b /group/0/4 rw,relatime shared:2 master:1 - tmpfs bench rw,size=1024k,mode=755
                8 2 0:101 /b/1 /group/0/5 rw,relatime shared:2 master:1 - tmpfs bench rw,size=1024k,mode=755
                9 2 0:101 /b/2 /group/0/6 rw,relatime shared:2 master:1 - tmpfs bench rw,size=1024k,mode=755
                10 2 0:101 /b/3 /group/0/7 rw,relatime shared:2 master:1 - tmpfs bench rw,size=1024k,mode=755
                11 2 0:102 / /group/1/0 rw,relatime shared:3 - tmpfs bench rw,size=1024k,mode=755
                12 2 0:102 /a/1 /group/1/1 rw,relatime shared:3 - tmpfs bench rw,size=1024k,mode=755
                """);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, BenchLayouts.MAX_MOUNTS + 1})
    void refusesCountsOutsideTheKernelsLimit(int n) {
        assertThatThrownBy(() -> BenchLayouts.generate(Layout.FLAT, n))
                .hasMessage("mount count " + n + " is not in 1..100000");
    }

    private static List<Mount> mounts(MountImage image) {
        return image.namespaces().get(0).mounts();
    }

    /** The image as the kernel's mountinfo lines, so expectations read like a real dump. */
    private static String mountinfo(Layout layout, int n) {
        return mounts(BenchLayouts.generate(layout, n)).stream()
                .map(m -> new String(MountInfoFormatter.formatLine(MountInfoEntry.fromMount(m)), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
    }
}
