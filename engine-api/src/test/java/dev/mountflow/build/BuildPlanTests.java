package dev.mountflow.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan every engine builds from (tree order, covered mounts) and the anchors of its peer groups. */
class BuildPlanTests {

    @Test
    void siblingsAreAttachedCoveredFirstAndStackedLast() {
        Mount root = mount(1, 0, 1, "/", "/", 0, 0);
        Mount over = mount(2, 1, 2, "/", "/x", 0, 0);
        Mount hidden = mount(3, 1, 3, "/", "/x/y", 0, 0);
        Mount other = mount(4, 1, 4, "/", "/a", 0, 0);
        Mount stackedOnOver = mount(5, 2, 5, "/", "/x", 0, 0);
        BuildPlan plan = plan(root, over, hidden, other, stackedOnOver);

        assertThat(plan.depthFirst(1)).extracting(Mount::id).containsExactly(1, 3, 2, 5, 4);
    }

    @Test
    void overmountedAndStackedMountsAreCoveredAndOnlyThey() {
        Mount root = mount(1, 0, 1, "/", "/", 0, 0);
        Mount over = mount(2, 1, 2, "/", "/x", 0, 0);
        Mount hidden = mount(3, 1, 3, "/", "/x/y", 0, 0);
        Mount hiddenChild = mount(6, 3, 6, "/", "/x/y/z", 0, 0);
        Mount other = mount(4, 1, 4, "/", "/a", 0, 0);
        Mount stackedOnOver = mount(5, 2, 5, "/", "/x", 0, 0);
        Mount insideStacked = mount(7, 5, 7, "/", "/x/w", 0, 0);
        Mount prefixNotParent = mount(8, 1, 8, "/", "/x0", 0, 0);
        BuildPlan plan = plan(root, over, hidden, hiddenChild, other, stackedOnOver, insideStacked, prefixNotParent);

        assertThat(List.of(root, over, hidden, hiddenChild, other, stackedOnOver, insideStacked, prefixNotParent))
                .filteredOn(plan::isCovered).extracting(Mount::id).containsExactly(2, 3, 6);
    }

    @Test
    void everythingBelowAMountStackedOnTheRootIsCovered() {
        Mount root = mount(1, 0, 1, "/", "/", 0, 0);
        Mount a = mount(2, 1, 2, "/", "/a", 0, 0);
        Mount top = mount(3, 1, 3, "/", "/", 0, 0);
        Mount b = mount(4, 3, 4, "/", "/b", 0, 0);
        BuildPlan plan = plan(root, a, top, b);

        assertThat(List.of(root, a, top, b)).filteredOn(plan::isCovered).extracting(Mount::id).containsExactly(1, 2);
    }

    @Test
    void theWidestMemberAnchorsAGroupWhenItsRootContainsEveryOther() {
        Mount root = mount(1, 0, 1, "/", "/", 0, 0);
        Mount a = mount(2, 1, 7, "/d", "/a", 10, 0);
        Mount b = mount(3, 1, 7, "/d/e", "/b", 10, 0);
        Mount slave = mount(4, 1, 7, "/d/e/f", "/s", 0, 10);
        BuildPlan plan = plan(root, a, b, slave);

        SharingGroups sharing = new SharingGroups(plan, List.of(root, a, b, slave));

        assertThat(sharing.group(10).anchor).isEqualTo(a);
        assertThat(sharing.group(10).pureSlaves).containsExactly(slave);
    }

    @Test
    void aHelperAnchorsAGroupWhoseMembersHaveDisjointRootsAndSoDoesItsMaster() {
        Mount root = mount(1, 0, 1, "/", "/", 0, 0);
        Mount master = mount(2, 1, 7, "/x", "/m", 10, 0);
        Mount px = mount(3, 1, 7, "/x", "/px", 20, 10);
        Mount py = mount(4, 1, 7, "/y", "/py", 20, 10);
        BuildPlan plan = plan(root, master, px, py);

        SharingGroups sharing = new SharingGroups(plan, List.of(root, master, px, py));

        assertThat(sharing.mastersFirst()).extracting(g -> g.id).containsExactly(10, 20);
        assertThat(sharing.group(20).anchor).isNull();
        assertThat(sharing.group(10).anchor).as("the master must cover the helper's root /").isNull();
    }

    private static BuildPlan plan(Mount... mounts) {
        MountImage image = new MountImage(1, "test", List.of(new MountNamespace(1, 0, 0, List.of(mounts))));
        List<String> problems = new ArrayList<>();
        BuildPlan plan = new BuildPlanner(image, RestoreRequest.empty(), problems).plan();
        assertThat(problems).isEmpty();
        return plan;
    }

    private static Mount mount(int id, int parent, int minor, String root, String mountpoint, int shared, int master) {
        return new Mount(id, parent, new DeviceId(0, minor), RawString.of(root), RawString.of(mountpoint), "tmpfs",
                RawString.of("t"), MountFlags.MS_RELATIME, 0, RawString.EMPTY, shared, master, false, false, null);
    }
}
