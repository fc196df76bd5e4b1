package dev.mountflow.propertytests;

import static dev.mountflow.propertytests.MountSources.mountRecipes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.engine.MountEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * The pairwise property's own check, while one engine is registered: v2 and v2 again under
 * another name that refuses images with deleted sources agree on every recipe both accept, and
 * the refusals are counted by reason, with numbers and quoted values taken out.
 */
class EnginePairTests {

    @Test
    void twoEnginesAgreeOnWhatBothAcceptAndRefusalsAreCountedByReason() {
        MountEngine v2 = Engines.named("v2");
        MountEngine refusing = new RefusingEngine(Engines.named("v2"), "v2-without-deleted");
        RecipeStatistics statistics = new RecipeStatistics("engines agree: v2, v2-without-deleted");
        statistics.seed(20_261_121L);
        // A fixed sample, whatever QT_EXAMPLES or QT_SEED say: it must hold a deleted source.
        QuickTheory.qt().withFixedSeed(20_261_121L).withExamples(60).withShrinkCycles(50)
                .withReporter(new PropertyBudget.ReplayReporter()).forAll(mountRecipes()).checkAssert(recipe ->
                RecipeRoundTripProperties.restoreEqually(v2, refusing, BuiltRecipe.of(recipe, statistics), statistics));
        statistics.print();

        int withDeleted = statistics.recipesWith(RecipeFeatures.DELETED);
        assertThat(withDeleted).as("recipes with a deleted source").isPositive();
        assertThat(statistics.refusals()).isEqualTo(Map.of(
                "v2-without-deleted: namespace N, mount N '…': its source was deleted", withDeleted));
        assertThat(statistics.comparisons()).isEqualTo(statistics.recipes() - withDeleted);
    }
}
