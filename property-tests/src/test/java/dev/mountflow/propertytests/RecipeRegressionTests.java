package dev.mountflow.propertytests;

import static dev.mountflow.propertytests.Op.Kind.BIND;
import static dev.mountflow.propertytests.Op.Kind.DELETE_SOURCE;
import static dev.mountflow.propertytests.Op.Kind.FILESYSTEM;
import static dev.mountflow.propertytests.Op.Kind.FILE_BIND;
import static dev.mountflow.propertytests.Op.Kind.PROPAGATION;
import static dev.mountflow.propertytests.Op.Kind.SUPERBLOCK_REMOUNT;
import static dev.mountflow.propertytests.Op.Kind.TMPFS;
import static dev.mountflow.propertytests.Op.Kind.UNSHARE;
import static dev.mountflow.propertytests.Op.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.engine.MountEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recipe a property once failed on, shrunk and named, restored by every engine: each
 * builds exactly the commands listed (so its meaning cannot drift with the interpreter) and must
 * restore canonically equal to its dump. The same layouts are in the pipeline's corpus as shell
 * scripts where they were found.
 */
class RecipeRegressionTests {

    /** A named recipe and the commands it must apply. */
    record Regression(String name, Recipe recipe, String commands) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Regression> regressions() {
        return List.of(
                // v2 recreated both deleted and live root on one dentry, then deleted it for both.
                new Regression("deletedSourceWhosePathALaterBindReuses", Recipe.of(
                        op(BIND, 0, 0, 2, 0, 1),
                        op(DELETE_SOURCE, 0, 0, 0, 0, 0),
                        op(BIND, 0, 0, 2, 0, 2)), """
                          mkdir -p /x/y /a; mount --bind /x/y /a
                          rmdir /x/y
                          mkdir -p /x/y /b; mount --bind /x/y /b
                        """),
                // v2 removed only the deleted roots it had to create, so /x, made for /x/y, stayed.
                new Regression("deletedSourceBelowAnotherDeletedSource", Recipe.of(
                        op(BIND, 0, 0, 2, 0, 1),
                        op(DELETE_SOURCE, 0, 0, 0, 0, 0),
                        op(BIND, 0, 0, 1, 0, 2),
                        op(DELETE_SOURCE, 0, 0, 0, 0, 0)), """
                          mkdir -p /x/y /a; mount --bind /x/y /a
                          rmdir /x/y
                          mkdir -p /b; mount --bind /x /b
                          rmdir /x
                        """),
                // v2 left the superblock of a proc mount read-write, taking proc for the host's.
                new Regression("readOnlyProcSuperblock", Recipe.of(
                        op(FILESYSTEM, 0, 0, 1, 0, 1),
                        op(SUPERBLOCK_REMOUNT, 0, 1, 0, 0, 0),
                        op(BIND, 0, 1, 4, 0, 2)), """
                          mkdir -p /a; mount -t proc proc0 /a
                          mount -o remount,ro /a
                          mkdir -p /b; mount --bind /a/sys /b
                        """),
                // v1 pivoted only a shared root through a private mount, not a root under a shared
                // stack: pivot_root refused (EINVAL) to put the old root on the shared top.
                new Regression("rootOvermountedByAPeerOfItsChild", Recipe.of(
                        op(PROPAGATION, 0, 4, 56, 0, 7),
                        op(TMPFS, 0, 0, 0, 0, 5),
                        op(TMPFS, 0, 4, 1, 0, 1),
                        op(BIND, 0, 1, 0, 3, 7)), """
                          mount --make-shared /
                          mkdir -p /sys; mount -t tmpfs t1 /sys
                          mkdir -p /a; mount -t tmpfs -o nosuid,size=1m t2 /a
                          mount --bind /sys /
                        """),
                // The same in two namespaces whose roots, and whose tops, are peers across them.
                new Regression("sharedStackOnTheRootsOfTwoNamespaces", Recipe.of(
                        op(BIND, 20, 27, 15, 0, 0),
                        op(PROPAGATION, 56, 1, 30, 0, 0),
                        op(UNSHARE, 18, 13, 9, 27, 29)), """
                          mount --bind / /
                          mount --make-rshared /
                          [ns 1] unshare --mount --propagation unchanged (from ns 0)
                        """),
                // v1 renamed a deleted root's stand-in onto its path from the work namespace, where
                // a live mount sits on that path: rename refuses a local mountpoint (EBUSY).
                new Regression("deletedFileRootWhosePathIsALaterMountpoint", Recipe.of(
                        op(TMPFS, 1, 0, 0, 0, 18),
                        op(FILE_BIND, 5, 2, 1, 2, 25),
                        op(TMPFS, 0, 0, 0, 3, 1),
                        op(DELETE_SOURCE, 0, 3, 1, 19, 16),
                        op(TMPFS, 0, 0, 1, 2, 1),
                        op(FILE_BIND, 0, 4, 0, 15, 16)), """
                          mkdir -p /a/b; mount -t tmpfs t0 /a/b
                          touch /g /f; mount --bind /g /f
                          mkdir -p /a/b/a; mount -t tmpfs t2 /a/b/a
                          rm /g
                          mkdir -p /a/b/a/a; mount -t tmpfs -o nosuid,size=1m t4 /a/b/a/a
                          touch /a/b/a/a/f /g; mount --bind /a/b/a/a/f /g
                        """),
                // v1 moved the mounts stacked on a covered unbindable mount off it to mark it, but
                // one below the top had been made shared (its own peer group, set before the split
                // since it is covered), and MS_MOVE refuses a mount whose parent is shared (EINVAL).
                new Regression("unbindableMountUnderAStackOfMountsSharedAlone", Recipe.of(
                        op(TMPFS, 0, 0, 0, 0, 51),
                        op(PROPAGATION, 0, 29, 29, 0, 0),
                        op(TMPFS, 0, 0, 0, 1, 0),
                        op(PROPAGATION, 0, 5, 0, 0, 0),
                        op(TMPFS, 0, 0, 0, 1, 0)), """
                          mkdir -p /b; mount -t tmpfs t0 /b
                          mount --make-unbindable /b
                          mount -t tmpfs t2 /b
                          mount --make-shared /b
                          mount -t tmpfs t4 /b
                        """),
                // v1 made a mount stacked on a hidden mount of a nested namespace after the mount
                // hiding the bottom of its stack, so the path to it crossed that mount (EXDEV).
                new Regression("mountStackedOnAMountHiddenInANestedNamespace", Recipe.of(
                        op(BIND, 0, 0, 0, 0, 18),
                        op(TMPFS, 0, 0, 0, 13, 0),
                        op(PROPAGATION, 0, 0, 0, 0, 0),
                        op(TMPFS, 0, 0, 0, 0, 43),
                        op(UNSHARE, 0, 0, 0, 0, 0)), """
                          mkdir -p /a/b; mount --bind / /a/b
                          mount -t tmpfs t1 /a/b
                          mount --make-shared /
                          mount -t tmpfs t3 /a
                          [ns 1] unshare --mount --propagation unchanged (from ns 0)
                        """),
                // v1 left the bind source it had mounted alone in the yard for one step: a copy the
                // step propagated onto it was stacked on its root, and the detach took only that.
                new Regression("bindSourceAloneReceivingACopyStackedOnItsRoot", Recipe.of(
                        op(UNSHARE, 0, 1, 0, 0, 0),
                        op(PROPAGATION, 3, 1, 0, 1, 0),
                        op(BIND, 0, 26, 62, 0, 0),
                        op(BIND, 1, 1, 57, 0, 14),
                        op(BIND, 1, 0, 2, 2, 3),
                        op(TMPFS, 16, 29, 0, 0, 53),
                        op(TMPFS, 0, 12, 0, 29, 37),
                        op(UNSHARE, 47, 0, 0, 37, 1),
                        op(TMPFS, 0, 51, 10, 0, 17),
                        op(PROPAGATION, 1, 4, 1, 0, 0),
                        op(BIND, 0, 2, 0, 0, 2)), """
                          [ns 1] unshare --mount --propagation unchanged (from ns 0)
                          [ns 1] mount --make-shared /
                          mkdir -p /x/y; mount --bind /x/y /
                          [ns 1] mount --bind /x/y /
                          [ns 1] mount --bind /x/y /x
                          mkdir -p /a/b; mount -t tmpfs t5 /a/b
                          mkdir -p /a/b/b; mount -t tmpfs t6 /a/b/b
                          [ns 2] unshare --mount --propagation unchanged (from ns 1)
                          mount -t tmpfs -o nodev,noexec,mode=700 t8 /x
                          [ns 1] mount --make-slave /
                          mkdir -p /b; mount --bind /a/b/b /b
                        """));
    }

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String engine : Engines.names()) {
            for (Regression r : regressions()) {
                cases.add(Arguments.of(engine, r));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{1} with {0}")
    @MethodSource("cases")
    void restoresCanonicallyEqualToItsDump(String engineName, Regression regression) {
        MountEngine engine = Engines.named(engineName);
        RecipeStatistics statistics = new RecipeStatistics(regression.name());
        BuiltRecipe built = BuiltRecipe.of(regression.recipe(), statistics);
        assertThat(built.commands()).isEqualTo(regression.commands());
        if (RecipeChecks.restore(engine, built, statistics) instanceof EngineRestore.Restored restored) {
            RecipeChecks.assertEqual("the dump and its restore with " + engineName, built.image(), restored.restored(),
                    built);
        }
    }
}
