package dev.mountflow.propertytests;

import static dev.mountflow.propertytests.MountSources.mountRecipes;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.restore.corpus.HostSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The other laws every engine keeps on generated layouts: restoring one image twice gives
 * canonically equal namespaces, and building, dumping and restoring leaves the host as it was
 * (its mount table, {@code /tmp}, no thread of this JVM in another namespace, no fd on a mount
 * outside the host's table), checked after every recipe.
 */
class RestoreLawProperties {
    static final int EXAMPLES = 120;
    static final int SHRINKS = 200;

    static List<String> engines() {
        return Engines.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void restoringTheSameDumpTwiceGivesCanonicallyEqualNamespaces(String engineName) {
        MountEngine engine = Engines.named(engineName);
        long seed = PropertyBudget.seed();
        RecipeStatistics statistics = new RecipeStatistics("determinism of " + engineName);
        statistics.seed(seed);
        try {
            PropertyBudget.qt(EXAMPLES, SHRINKS, seed).forAll(mountRecipes()).checkAssert(recipe -> {
                BuiltRecipe built = BuiltRecipe.of(recipe, statistics);
                EngineRestore.Outcome first = RecipeChecks.restore(engine, built, statistics);
                EngineRestore.Outcome second = RecipeChecks.restore(engine, built, statistics);
                if (first instanceof EngineRestore.Restored a && second instanceof EngineRestore.Restored b) {
                    RecipeChecks.assertEqual("two restores with " + engineName, a.restored(), b.restored(), built);
                } else if (!first.equals(second)) {
                    throw new AssertionError("one restore with " + engineName + " gave " + first + ", the next "
                            + second + "\n" + built.describe());
                }
            });
        } finally {
            statistics.print();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void buildingDumpingAndRestoringLeavesTheHostAsItWas(String engineName) throws IOException {
        MountEngine engine = Engines.named(engineName);
        long seed = PropertyBudget.seed();
        RecipeStatistics statistics = new RecipeStatistics("host unchanged by " + engineName);
        statistics.seed(seed);
        HostSnapshot host = HostSnapshot.capture();
        try {
            PropertyBudget.qt(EXAMPLES, SHRINKS, seed).forAll(mountRecipes()).checkAssert(recipe -> {
                BuiltRecipe built = BuiltRecipe.of(recipe, statistics);
                RecipeChecks.restore(engine, built, statistics);
                try {
                    host.assertUnchanged("building, dumping and restoring the recipe", ProcessHandle.current().pid());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + built.describe(), e);
                }
            });
        } finally {
            statistics.print();
        }
    }
}
