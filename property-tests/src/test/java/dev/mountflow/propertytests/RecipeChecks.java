package dev.mountflow.propertytests;

import dev.mountflow.compare.Difference;
import dev.mountflow.compare.ImageComparator;
import dev.mountflow.engine.MountEngine;
import dev.mountflow.model.MountImage;
import java.util.List;

/** The checks the recipe properties make, each failing with the recipe's whole story. */
final class RecipeChecks {
    private RecipeChecks() {
    }

    /**
     * Restores {@code built} with {@code engine}; a refusal is counted and returned, any failure
     * of a later stage (verify included) fails the property.
     */
    static EngineRestore.Outcome restore(MountEngine engine, BuiltRecipe built, RecipeStatistics statistics) {
        long start = System.nanoTime();
        EngineRestore.Outcome outcome;
        try {
            outcome = EngineRestore.restore(engine, built.image());
        } catch (RuntimeException | Error e) {
            throw new AssertionError("restoring with " + engine.name() + " failed: " + e.getMessage() + "\n"
                    + built.describe(), e);
        }
        statistics.time("restore " + engine.name(), System.nanoTime() - start);
        if (outcome instanceof EngineRestore.Refused refused) {
            statistics.refused(engine.name(), refused.reason());
        }
        return outcome;
    }

    /** Fails unless {@code actual} is canonically equal to {@code expected}. */
    static void assertEqual(String what, MountImage expected, MountImage actual, BuiltRecipe built) {
        List<Difference> differences = new ImageComparator().compare(expected, actual);
        if (!differences.isEmpty()) {
            StringBuilder out = new StringBuilder(what).append(" differ in ").append(differences.size())
                    .append(" place(s):\n");
            differences.forEach(d -> out.append("  ").append(d).append('\n'));
            out.append("the second:\n").append(ImageText.render(actual)).append(built.describe());
            throw new AssertionError(out.toString());
        }
    }
}
