package dev.mountflow.compare;

import static dev.mountflow.testing.ImageBuilder.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.testing.ImageBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageComparatorTests {
    private final ImageComparator comparator = new ImageComparator();

    /**
     * Every kind of mount and sharing in two namespaces: binds, peers across namespaces, a slave
     * listed before any member of its master group, a shared slave, an external master, a stack.
     */
    static MountImage layout() {
        return image()
                .namespace(1)
                .mount(1, 0, "/").device("8:1").fs("ext4", "/dev/sda1")
                .mount(20, 1, "/mnt").fs("tmpfs", "lab").shared(1)
                .mount(21, 20, "/mnt/a-slave").fs("tmpfs", "grp").device("0:30").master(5)
                .mount(22, 20, "/mnt/data").fs("tmpfs", "data").options("size=64k")
                .mount(23, 20, "/mnt/subbind").fs("tmpfs", "data").device("0:22").root("/sub").options("size=64k")
                .mount(24, 20, "/mnt/peers").fs("tmpfs", "grp").device("0:30").shared(5)
                .mount(25, 20, "/mnt/peers2").fs("tmpfs", "grp").device("0:30").root("/inner").shared(5)
                .mount(26, 20, "/mnt/sslave").fs("tmpfs", "grp").device("0:30").shared(6).master(5)
                .mount(27, 20, "/mnt/host").fs("ext4", "/dev/sdb1").device("8:17").master(99).external("host")
                .mount(28, 20, "/mnt/ro").fs("tmpfs", "data").device("0:22").flags(MountFlags.MS_RDONLY)
                .mount(29, 20, "/mnt/stack").fs("tmpfs", "low").unbindable()
                .mount(30, 29, "/mnt/stack").fs("proc", "proc")
                .mount(31, 30, "/mnt/stack/self").fs("tmpfs", "top")
                .namespace(2)
                .mount(40, 7, "/").device("8:1").fs("ext4", "/dev/sda1")
                .mount(41, 40, "/mnt").fs("tmpfs", "lab").device("0:20").shared(1)
                .mount(42, 41, "/mnt/peers").fs("tmpfs", "grp").device("0:30").shared(5)
                .mount(43, 41, "/mnt/nested").fs("tmpfs", "inner")
                .build();
    }

    @Test
    void anImageEqualsItself() {
        assertThat(comparator.compare(layout(), layout())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1_000_003})
    void renumberingIdsDevicesAndGroupsChangesNothing(long seed) {
        MountImage renumbered = Renumbering.random(layout(), seed);

        assertThat(renumbered).isNotEqualTo(layout());
        assertThat(comparator.compare(layout(), renumbered)).isEmpty();
        assertThat(comparator.compare(renumbered, layout())).isEmpty();
    }

    @Test
    void aFixedPermutationOfEveryNumberChangesNothing() {
        MountImage reversed = Renumbering.reversed(layout());

        assertThat(reversed.namespaces().get(0).mounts().get(0).id()).isNotEqualTo(1);
        assertThat(comparator.compare(layout(), reversed)).isEmpty();
    }

    @Test
    void theOrderOfMountsInTheImageDoesNotMatter() {
        MountImage image = layout();
        MountImage reordered = new MountImage(image.rootNamespaceId(), image.toolVersion(), image.namespaces().stream()
                .map(ns -> ns.withMounts(reversed(ns.mounts()))).toList());

        assertThat(comparator.compare(image, reordered)).isEmpty();
    }

    @Test
    void externalKeysAreNotCompared() {
        MountImage expected = image().namespace(1).mount(1, 0, "/").mount(2, 1, "/host").master(9).external("k").build();
        MountImage actual = image().namespace(1).mount(1, 0, "/").mount(2, 1, "/host").master(9).build();

        assertThat(comparator.compare(expected, actual)).isEmpty();
    }

    /** One namespace: {@code /}, {@code /mnt}, and {@code /mnt/a} changed by {@code onA}. */
    private static MountImage withA(UnaryOperator<ImageBuilder> onA) {
        return onA.apply(image().namespace(1)
                .mount(1, 0, "/").device("8:1").fs("ext4", "/dev/sda1")
                .mount(2, 1, "/mnt").fs("tmpfs", "lab")
                .mount(3, 2, "/mnt/a").fs("tmpfs", "data").options("size=64k"))
                .build();
    }

    static Stream<Arguments> labelFields() {
        return Stream.of(
                Arguments.of("root", (UnaryOperator<ImageBuilder>) b -> b.root("/sub"),
                        "namespace 1 '/mnt/a': root expected '/', got '/sub'"),
                Arguments.of("fstype", (UnaryOperator<ImageBuilder>) b -> b.fs("proc", "data"),
                        "namespace 1 '/mnt/a': fstype expected 'tmpfs', got 'proc'"),
                Arguments.of("source", (UnaryOperator<ImageBuilder>) b -> b.fs("tmpfs", "other"),
                        "namespace 1 '/mnt/a': source expected 'data', got 'other'"),
                Arguments.of("mount flags", (UnaryOperator<ImageBuilder>) b -> b.flags(MountFlags.MS_RDONLY | MountFlags.MS_NOSUID),
                        "namespace 1 '/mnt/a': mount flags expected 'rw', got 'ro,nosuid'"),
                Arguments.of("mount flags without option words", (UnaryOperator<ImageBuilder>) b -> b.flags(MountFlags.MS_BIND),
                        "namespace 1 '/mnt/a': mount flags expected 'rw', got 'rw,MS_BIND'"),
                Arguments.of("superblock flags", (UnaryOperator<ImageBuilder>) b -> b.superFlags(MountFlags.MS_RDONLY | MountFlags.MS_SYNCHRONOUS),
                        "namespace 1 '/mnt/a': superblock flags expected 'rw', got 'ro,sync'"),
                Arguments.of("superblock options", (UnaryOperator<ImageBuilder>) b -> b.options("size=128k"),
                        "namespace 1 '/mnt/a': superblock options expected 'size=64k', got 'size=128k'"),
                Arguments.of("unbindable", (UnaryOperator<ImageBuilder>) ImageBuilder::unbindable,
                        "namespace 1 '/mnt/a': unbindable expected no, got yes"),
                Arguments.of("deleted", (UnaryOperator<ImageBuilder>) ImageBuilder::deleted,
                        "namespace 1 '/mnt/a': deleted expected no, got yes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labelFields")
    void eachLabelFieldIsComparedAndNamed(String field, UnaryOperator<ImageBuilder> change, String message) {
        assertThat(lines(withA(b -> b), withA(change))).containsExactly(message);
    }

    @Test
    void severalFieldsOfOneMountComeInLabelOrder() {
        List<String> lines = lines(withA(b -> b),
                withA(b -> b.unbindable().options("").fs("proc", "proc").root("/x")));

        assertThat(lines).containsExactly(
                "namespace 1 '/mnt/a': root expected '/', got '/x'",
                "namespace 1 '/mnt/a': fstype expected 'tmpfs', got 'proc'",
                "namespace 1 '/mnt/a': source expected 'data', got 'proc'",
                "namespace 1 '/mnt/a': superblock options expected 'size=64k', got ''",
                "namespace 1 '/mnt/a': unbindable expected no, got yes");
    }

    @Test
    void aMissingMountNamesWhatWasExpected() {
        MountImage expected = withA(b -> b.mount(4, 2, "/mnt/b").fs("tmpfs", "data").device("0:3").root("/sub"));

        assertThat(lines(expected, withA(b -> b))).containsExactly(
                "namespace 1 '/mnt/b': missing (expected tmpfs 'data' at root '/sub')");
    }

    @Test
    void aMissingSubtreeIsOneDifferenceThatCountsWhatIsBelow() {
        MountImage expected = withA(b -> b.mount(4, 2, "/mnt/b").mount(5, 4, "/mnt/b/x").mount(6, 5, "/mnt/b/x/y"));

        assertThat(lines(expected, withA(b -> b))).containsExactly(
                "namespace 1 '/mnt/b': missing (expected tmpfs 'none', with 2 mount(s) below it)");
    }

    @Test
    void anUnexpectedMountNamesWhatWasFound() {
        MountImage expected = image().namespace(1).mount(1, 0, "/").namespace(2).mount(2, 0, "/").build();
        MountImage actual = image().namespace(1).mount(1, 0, "/").namespace(2).mount(2, 0, "/")
                .mount(3, 2, "/x").fs("proc", "proc").build();

        assertThat(lines(expected, actual)).containsExactly("namespace 2 '/x': unexpected mount (proc 'proc')");
    }

    @Test
    void missingAndUnexpectedMountsStandWhereTheyWouldBeInTheWalk() {
        MountImage expected = withA(b -> b.mount(4, 2, "/mnt/c").mount(5, 1, "/z"));
        MountImage actual = withA(b -> b.mount(4, 2, "/mnt/b").mount(5, 1, "/z").fs("tmpfs", "zz"));

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 1 '/mnt/b': unexpected mount (tmpfs 'none')",
                "namespace 1 '/mnt/c': missing (expected tmpfs 'none')",
                "namespace 1 '/z': source expected 'none', got 'zz'");
    }

    @Test
    void twoMountsOnOneSuperblockSplitInTwo() {
        MountImage expected = withA(b -> b.mount(4, 2, "/mnt/data").fs("tmpfs", "data").device("0:3").options("size=64k"));
        MountImage actual = withA(b -> b.mount(4, 2, "/mnt/data").fs("tmpfs", "data").options("size=64k"));

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 1 '/mnt/data': superblock differs: expected the same superblock as '/mnt/a', "
                        + "got a new superblock");
    }

    @Test
    void twoSuperblocksMergeIntoOne() {
        MountImage expected = withA(b -> b.mount(4, 2, "/mnt/b").fs("tmpfs", "data").options("size=64k"));
        MountImage actual = withA(b -> b.mount(4, 2, "/mnt/b").fs("tmpfs", "data").device("0:3").options("size=64k"));

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 1 '/mnt/b': superblock differs: expected a new superblock, "
                        + "got the same superblock as '/mnt/a'");
    }

    @Test
    void aMountOnTheSuperblockOfAnotherMount() {
        MountImage expected = withA(b -> b.mount(4, 2, "/mnt/b").mount(5, 2, "/mnt/c").device("0:4"));
        MountImage actual = withA(b -> b.mount(4, 2, "/mnt/b").mount(5, 2, "/mnt/c").device("0:3"));

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 1 '/mnt/c': superblock differs: expected the same superblock as '/mnt/b', "
                        + "got the same superblock as '/mnt/a'");
    }

    @Test
    void superblocksAreComparedAcrossNamespaces() {
        MountImage expected = image().namespace(1).mount(1, 0, "/").device("8:1")
                .namespace(2).mount(2, 0, "/").device("8:1").build();
        MountImage actual = image().namespace(1).mount(1, 0, "/").device("8:1")
                .namespace(2).mount(2, 0, "/").device("8:2").build();

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 2 '/': superblock differs: expected the same superblock as '/' (namespace 1), "
                        + "got a new superblock");
    }

    /** {@code /}, {@code /mnt}, and peers under it as {@code peers} sets them up. */
    private static MountImage peers(UnaryOperator<ImageBuilder> peers) {
        return peers.apply(image().namespace(1).mount(1, 0, "/").mount(2, 1, "/mnt")).build();
    }

    @Test
    void aPeerThatBecamePrivate() {
        MountImage expected = peers(b -> b.mount(3, 2, "/mnt/p1").shared(10).mount(4, 2, "/mnt/p2").device("0:3").shared(10));
        MountImage actual = peers(b -> b.mount(3, 2, "/mnt/p1").shared(10).mount(4, 2, "/mnt/p2").device("0:3"));

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 1 '/mnt/p2': peer group differs: expected a peer of '/mnt/p1' (namespace 1), got private");
    }

    @Test
    void aPeerGroupSplitInTwo() {
        MountImage expected = peers(b -> b.mount(3, 2, "/mnt/p1").shared(10).mount(4, 2, "/mnt/p2").device("0:3").shared(10));
        MountImage actual = peers(b -> b.mount(3, 2, "/mnt/p1").shared(10).mount(4, 2, "/mnt/p2").device("0:3").shared(11));

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 1 '/mnt/p2': peer group differs: expected a peer of '/mnt/p1' (namespace 1), "
                        + "got a new peer group");
    }

    @Test
    void twoPeerGroupsMergedIntoOne() {
        MountImage expected = peers(b -> b.mount(3, 2, "/mnt/p1").shared(10).mount(4, 2, "/mnt/p2").device("0:3").shared(11));
        MountImage actual = peers(b -> b.mount(3, 2, "/mnt/p1").shared(10).mount(4, 2, "/mnt/p2").device("0:3").shared(10));

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 1 '/mnt/p2': peer group differs: expected a new peer group, "
                        + "got a peer of '/mnt/p1' (namespace 1)");
    }

    @Test
    void aPrivateMountThatBecameShared() {
        MountImage expected = peers(b -> b.mount(3, 2, "/mnt/p1"));
        MountImage actual = peers(b -> b.mount(3, 2, "/mnt/p1").shared(10));

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 1 '/mnt/p1': peer group differs: expected private, got a new peer group");
    }

    @Test
    void peerGroupsAreComparedAcrossNamespaces() {
        MountImage expected = image().namespace(1).mount(1, 0, "/").mount(2, 1, "/mnt").shared(10)
                .namespace(2).mount(3, 0, "/").device("0:1").mount(4, 3, "/mnt").device("0:2").shared(10).build();
        MountImage actual = image().namespace(1).mount(1, 0, "/").mount(2, 1, "/mnt").shared(10)
                .namespace(2).mount(3, 0, "/").device("0:1").mount(4, 3, "/mnt").device("0:2").shared(12).build();

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 2 '/mnt': peer group differs: expected a peer of '/mnt' (namespace 1), got a new peer group");
    }

    /** Two separate groups, at {@code /mnt/p1} and {@code /mnt/p2}, and {@code /mnt/s} changed by {@code onS}. */
    private static MountImage slave(UnaryOperator<ImageBuilder> onS) {
        return peers(b -> onS.apply(b.mount(3, 2, "/mnt/p1").shared(10).mount(4, 2, "/mnt/p2").shared(11)
                .mount(5, 2, "/mnt/s").device("0:3")));
    }

    @Test
    void aSlaveOfAnotherPeerGroup() {
        assertThat(lines(slave(s -> s.master(10)), slave(s -> s.master(11)))).containsExactly(
                "namespace 1 '/mnt/s': master differs: expected the peer group of '/mnt/p1' (namespace 1), "
                        + "got the peer group of '/mnt/p2' (namespace 1)");
    }

    @Test
    void aSlaveThatIsNoLongerOneAndTheReverse() {
        assertThat(lines(slave(s -> s.master(10)), slave(s -> s))).containsExactly(
                "namespace 1 '/mnt/s': master differs: expected the peer group of '/mnt/p1' (namespace 1), got none");
        assertThat(lines(slave(s -> s), slave(s -> s.master(11)))).containsExactly(
                "namespace 1 '/mnt/s': master differs: expected none, got the peer group of '/mnt/p2' (namespace 1)");
    }

    @Test
    void aSharedSlaveIsComparedAsPeerAndAsSlave() {
        assertThat(lines(slave(s -> s.shared(12).master(10)), slave(s -> s.shared(12).master(10)))).isEmpty();
        assertThat(lines(slave(s -> s.shared(12).master(10)), slave(s -> s.shared(10)))).containsExactly(
                "namespace 1 '/mnt/s': peer group differs: expected a new peer group, got a peer of '/mnt/p1' (namespace 1)",
                "namespace 1 '/mnt/s': master differs: expected the peer group of '/mnt/p1' (namespace 1), got none");
    }

    @Test
    void externalMastersAreComparedByFirstAppearance() {
        MountImage twoExternals = peers(b -> b.mount(3, 2, "/mnt/s1").master(99).mount(4, 2, "/mnt/s2").master(98));
        MountImage oneExternal = peers(b -> b.mount(3, 2, "/mnt/s1").master(77).mount(4, 2, "/mnt/s2").master(77));
        MountImage renamed = peers(b -> b.mount(3, 2, "/mnt/s1").master(5).mount(4, 2, "/mnt/s2").master(6));

        assertThat(lines(twoExternals, renamed)).isEmpty();
        assertThat(lines(twoExternals, oneExternal)).containsExactly(
                "namespace 1 '/mnt/s2': master differs: expected external#2, got external#1");
    }

    @Test
    void anExternalMasterIsNotAPeerGroupOfTheImage() {
        assertThat(lines(slave(s -> s.master(99)), slave(s -> s.master(10)))).containsExactly(
                "namespace 1 '/mnt/s': master differs: expected external#1, got the peer group of '/mnt/p1' (namespace 1)");
    }

    @Test
    void aSlaveWhoseMasterGroupIsMissingIsNamedByTheMissingMember() {
        MountImage expected = peers(b -> b.mount(3, 2, "/mnt/p1").shared(10).mount(5, 2, "/mnt/s").device("0:3").master(10));
        MountImage actual = peers(b -> b.mount(5, 2, "/mnt/s").device("0:3").master(10));

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 1 '/mnt/p1': missing (expected tmpfs 'none')",
                "namespace 1 '/mnt/s': master differs: expected the peer group of '/mnt/p1' (namespace 1), got external#1");
    }

    @Test
    void slavesAcrossNamespaces() {
        MountImage expected = image().namespace(1).mount(1, 0, "/").shared(10)
                .namespace(2).mount(2, 0, "/").device("0:1").master(10).build();
        MountImage actual = image().namespace(1).mount(1, 0, "/").shared(10)
                .namespace(2).mount(2, 0, "/").device("0:1").shared(10).build();

        assertThat(lines(expected, actual)).containsExactly(
                "namespace 2 '/': peer group differs: expected private, got a peer of '/' (namespace 1)",
                "namespace 2 '/': master differs: expected the peer group of '/' (namespace 1), got none");
    }

    @Test
    void aDifferentNumberOfNamespacesIsOneDifferenceAndTheRestIsCompared() {
        MountImage two = image().namespace(1).mount(1, 0, "/").namespace(2).mount(2, 0, "/").build();
        MountImage one = image().namespace(1).mount(1, 0, "/").fs("proc", "none").build();

        assertThat(lines(two, one)).containsExactly(
                "namespace count expected 2, got 1",
                "namespace 1 '/': fstype expected 'tmpfs', got 'proc'");
    }

    @Test
    void theRootNamespaceComesFirstWhereverTheImageListsIt() {
        MountImage rootFirst = image().namespace(1).mount(1, 0, "/").fs("ext4", "a")
                .namespace(2).mount(2, 0, "/").fs("ext4", "b").build();
        MountImage rootSecond = image().namespace(2).mount(2, 0, "/").fs("ext4", "b")
                .namespace(1).mount(1, 0, "/").fs("ext4", "a").rootNamespace(1).build();

        assertThat(lines(rootFirst, rootSecond)).isEmpty();
    }

    /** {@code /mnt} with two mounts stacked on it, and one on the upper of them. */
    private static MountImage stacked(String lower, String upper, String upperChild) {
        return image().namespace(1).mount(1, 0, "/")
                .mount(2, 1, "/mnt").fs("tmpfs", lower)
                .mount(3, 2, "/mnt").fs("tmpfs", upper)
                .mount(4, 3, "/mnt/x").fs("tmpfs", upperChild)
                .build();
    }

    @Test
    void stackedMountsAreMatchedBottomUpAndNamedByLevel() {
        assertThat(lines(stacked("low", "up", "x"), stacked("low", "up", "x"))).isEmpty();
        assertThat(lines(stacked("low", "up", "x"), stacked("up", "low", "y"))).containsExactly(
                "namespace 1 '/mnt': source expected 'low', got 'up'",
                "namespace 1 '/mnt'#2: source expected 'up', got 'low'",
                "namespace 1 '/mnt'#2 > '/mnt/x': source expected 'x', got 'y'");
    }

    @Test
    void aMissingUpperMountOfAStack() {
        MountImage actual = image().namespace(1).mount(1, 0, "/").mount(2, 1, "/mnt").fs("tmpfs", "low").build();

        assertThat(lines(stacked("low", "up", "x"), actual)).containsExactly(
                "namespace 1 '/mnt'#2: missing (expected tmpfs 'up', with 1 mount(s) below it)");
    }

    @Test
    void aHundredThousandDeepStackComparesWithoutRecursion() {
        MountImage deep = chain(100_000, "tmpfs");
        MountImage otherTop = chain(100_000, "proc");

        assertThat(comparator.compare(deep, Renumbering.random(deep, 7))).isEmpty();
        assertThat(lines(deep, otherTop)).containsExactly(
                "namespace 1 '/mnt'#100000: fstype expected 'tmpfs', got 'proc'");
        assertThat(lines(deep, chain(99_999, "tmpfs"))).containsExactly(
                "namespace 1 '/mnt'#100000: missing (expected tmpfs 'none')");
    }

    @Test
    void aHundredThousandSiblingsCompare() {
        MountImage flat = flat(100_000, 77_777);
        MountImage shuffled = new MountImage(1, "test", List.of(flat.namespaces().get(0)
                .withMounts(shuffle(flat.namespaces().get(0).mounts()))));

        assertThat(comparator.compare(flat, Renumbering.random(shuffled, 11))).isEmpty();
        assertThat(lines(flat, flat(100_000, 12_345))).containsExactly(
                "namespace 1 '/m/012345': superblock differs: expected a new superblock, got the same superblock as '/'",
                "namespace 1 '/m/077777': superblock differs: expected the same superblock as '/', got a new superblock");
    }

    @Test
    void aParentCycleIsRefusedByName() {
        MountImage cyclic = image().namespace(1).mount(1, 0, "/").mount(2, 3, "/a").mount(3, 2, "/a/b").build();

        assertThatThrownBy(() -> comparator.compare(layout(), cyclic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace 1, mount 2 '/a': not reachable from a root mount, its parents form a cycle");
    }

    /** {@code /} and {@code depth} mounts stacked on {@code /mnt}; the topmost of type {@code topType}. */
    static MountImage chain(int depth, String topType) {
        ImageBuilder b = image().namespace(1).mount(1, 0, "/");
        for (int id = 2; id <= depth + 1; id++) {
            b.mount(id, id - 1, "/mnt");
        }
        return b.fs(topType, "none").build();
    }

    /** {@code /} and {@code count} mounts on it; the one numbered {@code onRoot} is on the root's superblock. */
    private static MountImage flat(int count, int onRoot) {
        ImageBuilder b = image().namespace(1).mount(1, 0, "/");
        for (int k = 0; k < count; k++) {
            b.mount(k + 2, 1, String.format("/m/%06d", k));
            if (k == onRoot) {
                b.device("0:1");
            }
        }
        return b.build();
    }

    private static <T> List<T> shuffle(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, new Random(5));
        return copy;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private List<String> lines(MountImage expected, MountImage actual) {
        return comparator.compare(expected, actual).stream().map(Difference::toString).toList();
    }
}
