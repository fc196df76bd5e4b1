package dev.mountflow.enginev1;

import static dev.mountflow.enginev1.V1ValidateTests.image;
import static dev.mountflow.enginev1.V1ValidateTests.mount;
import static dev.mountflow.enginev1.V1ValidateTests.ns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.BuildPlanner;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How v1 plans to build an image: order, bind sources, propagated copies, propagation changes. */
class V1PlannerTests {
    private static final int ROOT_PARENT = 99;

    @Test
    void aTreeWithoutSharingIsBuiltInTreeOrderEachFilesystemMadeInPlace() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                mount(2, 1, 2, "/", "/a"),
                mount(3, 2, 3, "/", "/a/b"),
                mount(4, 1, 4, "/", "/x/y"),
                mount(5, 1, 5, "/", "/x")));

        assertThat(steps(image)).containsExactly(
                "create mount 1 '/' new",
                "create mount 4 '/x/y' new",
                "create mount 5 '/x' new",
                "create mount 2 '/a' new",
                "create mount 3 '/a/b' new");
    }

    @Test
    void mountsOnPeersAreOneClassWhoseCopiesTheKernelMakes() {
        MountImage image = image(
                ns(1, mount(1, ROOT_PARENT, 1, "/", "/"),
                        mount(2, 1, 2, "/", "/sh").shared(10),
                        mount(3, 2, 3, "/", "/sh/sub").shared(20)),
                ns(2, mount(11, ROOT_PARENT, 1, "/", "/"),
                        mount(12, 11, 2, "/", "/sh").shared(10),
                        mount(13, 12, 3, "/", "/sh/sub").shared(20)));

        assertThat(steps(image)).containsExactly(
                "whole fresh tmpfs (device 0:1)",
                "create mount 1 '/' from source",
                "whole fresh tmpfs (device 0:2)",
                "create mount 2 '/sh' from source, MS_SHARED mount 2 '/sh'",
                "create mount 11 '/' from source",
                "create mount 12 '/sh' from mount 2 '/sh'",
                "create mount 3 '/sh/sub' new, copies mount 13 '/sh/sub'");
    }

    @Test
    void aGroupWithoutAMemberHoldingTheOthersRootsIsBoundFromAHelper() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                mount(2, 1, 2, "/x", "/px").shared(10),
                mount(3, 1, 2, "/y", "/py").shared(10)));

        assertThat(steps(image)).containsExactly(
                "whole fresh tmpfs (device 0:2)",
                "helper 10 of fresh tmpfs (device 0:2)",
                "create mount 1 '/' new",
                "create mount 3 '/py' from helper 10",
                "create mount 2 '/px' from helper 10");
    }

    @Test
    void slavesAreBoundFromTheirMasterAfterItThenMadeSlaveAndSharedSlavesThenShared() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                mount(2, 1, 2, "/", "/m").shared(10),
                mount(3, 1, 2, "/", "/s").slaveOf(10),
                mount(4, 1, 2, "/", "/ss").shared(20).slaveOf(10),
                mount(5, 1, 2, "/d", "/sp").shared(20).slaveOf(10)));

        assertThat(steps(image)).containsExactly(
                "create mount 1 '/' new",
                "whole fresh tmpfs (device 0:2)",
                "create mount 2 '/m' from source, MS_SHARED mount 2 '/m'",
                "create mount 4 '/ss' from mount 2 '/m', MS_SLAVE mount 4 '/ss', MS_SHARED mount 4 '/ss'",
                "create mount 5 '/sp' from mount 4 '/ss'",
                "create mount 3 '/s' from mount 2 '/m', MS_SLAVE mount 3 '/s'");
    }

    @Test
    void aMountAloneInItsPeerGroupIsSharedLateAndPrivateMeanwhile() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                mount(2, 1, 2, "/", "/sh").shared(10),
                mount(3, 2, 3, "/", "/sh/p")));

        V1Plan plan = plan(image);
        assertThat(plan.lateShared()).containsExactly(2);
        assertThat(describe(plan)).containsExactly(
                "create mount 1 '/' new",
                "create mount 2 '/sh' new",
                "create mount 3 '/sh/p' new");
    }

    private static List<String> steps(MountImage image) {
        return describe(plan(image));
    }

    private static V1Plan plan(MountImage image) {
        List<String> problems = new ArrayList<>();
        BuildPlan tree = new BuildPlanner(image, RestoreRequest.empty(), problems).plan();
        assertThat(problems).isEmpty();
        V1Planner planner = new V1Planner(tree);
        V1Plan plan = planner.plan();
        assertThat(planner.refusals()).isEmpty();
        return plan;
    }

    private static List<String> describe(V1Plan plan) {
        List<String> out = new ArrayList<>();
        for (V1Step step : plan.steps()) {
            if (step instanceof V1Step.MountSource s) {
                out.add("whole " + s.source().describe());
            } else if (step instanceof V1Step.MountHelper h) {
                out.add("helper " + h.group() + " of " + h.source().describe()
                        + (h.masterGroup() == 0 ? "" : ", slave of " + h.masterGroup()));
            } else if (step instanceof V1Step.Create c) {
                StringBuilder line = new StringBuilder("create " + c.origin().label() + " " + switch (c.from().kind()) {
                    case NEW -> "new";
                    case SOURCE -> "from source";
                    case HELPER -> "from helper " + c.from().group();
                    case MEMBER -> "from " + c.from().member().label();
                });
                c.copies().forEach(m -> line.append(", copies ").append(m.label()));
                c.changes().forEach(p -> line.append(", ").append(MountFlags.describe(p.type())).append(' ')
                        .append(p.mount().label()));
                out.add(line.toString());
            }
        }
        return out;
    }
}
