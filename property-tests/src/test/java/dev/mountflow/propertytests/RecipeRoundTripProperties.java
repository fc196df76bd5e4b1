package dev.mountflow.propertytests;

import static dev.mountflow.propertytests.MountSources.mountRecipes;

import dev.mountflow.engine.MountEngine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The round-trip law on generated layouts, for every engine on the classpath: a recipe built for
 * real and dumped restores canonically equal to its dump (the pipeline's own {@code verify} judges,
 * and what it read back is compared again here); and any two engines that both accept a recipe
 * restore it canonically equal to each other, their refusals counted by reason. This class is
 * the long campaign ({@code -Pcampaign}), which also holds the generator to reaching every
 * feature of {@link RecipeFeatures} at least once per thousand recipes.
 */
class RecipeRoundTripProperties {
    static final int EXAMPLES = 400;
    static final int SHRINKS = 300;

    static List<String> engines() {
        return Engines.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everyRecipeRestoresCanonicallyEqualToItsDump(String engineName) {
        MountEngine engine = Engines.named(engineName);
        long seed = PropertyBudget.seed();
        RecipeStatistics statistics = new RecipeStatistics("round trip with " + engineName);
        statistics.seed(seed);
        try {
            PropertyBudget.qt(EXAMPLES, SHRINKS, seed).forAll(mountRecipes()).checkAssert(recipe -> {
                BuiltRecipe built = BuiltRecipe.of(recipe, statistics);
                if (RecipeChecks.restore(engine, built, statistics) instanceof EngineRestore.Restored restored) {
                    RecipeChecks.assertEqual("the dump and its restore with " + engineName, built.image(),
                            restored.restored(), built);
                }
            });
        } finally {
            statistics.print();
        }
        statistics.assertEveryFeatureReachedPerThousand();
    }

    @Test
    void everyTwoEnginesRestoreEveryRecipeBothAcceptEqually() {
        List<List<String>> pairs = Engines.pairs();
        if (pairs.isEmpty()) {
            System.out.println("engines agree: only " + Engines.names() + " on the classpath, nothing to compare");
            return;
        }
        long seed = PropertyBudget.seed();
        RecipeStatistics statistics = new RecipeStatistics("engines agree: " + pairs);
        statistics.seed(seed);
        try {
            PropertyBudget.qt(EXAMPLES, SHRINKS, seed).forAll(mountRecipes()).checkAssert(recipe -> {
                BuiltRecipe built = BuiltRecipe.of(recipe, statistics);
                for (List<String> pair : pairs) {
                    restoreEqually(Engines.named(pair.get(0)), Engines.named(pair.get(1)), built, statistics);
                }
            });
        } finally {
            statistics.print();
        }
    }

    /**
     * Restores {@code built} with both engines; when both accept it, their restores must be
     * canonically equal. A refusal is counted by engine and reason, never a failure.
     */
    static void restoreEqually(MountEngine first, MountEngine second, BuiltRecipe built, RecipeStatistics statistics) {
        EngineRestore.Outcome a = RecipeChecks.restore(first, built, statistics);
        EngineRestore.Outcome b = RecipeChecks.restore(second, built, statistics);
        if (a instanceof EngineRestore.Restored ra && b instanceof EngineRestore.Restored rb) {
            RecipeChecks.assertEqual("the restores with " + first.name() + " and " + second.name(), ra.restored(),
                    rb.restored(), built);
            statistics.compared();
        }
    }
}
