package dev.mountflow.propertytests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, over one property's run, what the generated recipes built and how the engines took
 * them, and prints it when the run ends: per thousand recipes, how many reached each feature of
 * {@link RecipeFeatures}; the operations applied and dropped; the refusals by engine and reason;
 * and the time spent building, dumping and restoring.
 */
final class RecipeStatistics {
    private final String title;
    private int recipes;
    private int operations;
    private final Map<String, Integer> recipesWith = new LinkedHashMap<>();
    private final Map<String, Long> instances = new LinkedHashMap<>();
    private final Map<String, Integer> applied = new TreeMap<>();
    private final Map<String, Integer> dropped = new TreeMap<>();
    private final Map<String, Integer> refusals = new TreeMap<>();
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final Map<String, Integer> timed = new LinkedHashMap<>();
    private long seed;
    private int compared;

    RecipeStatistics(String title) {
        this.title = title;
    }

    void seed(long value) {
        seed = value;
    }

    /** One recipe, built and dumped. */
    synchronized void recipe(RecipeBuild build, RecipeFeatures features) {
        recipes++;
        operations += build.applied().size();
        features.counts().forEach((feature, n) -> {
            instances.merge(feature, (long) n, Long::sum);
            if (n > 0) {
                recipesWith.merge(feature, 1, Integer::sum);
            }
        });
        build.applied().forEach(op -> applied.merge(op.op().kind().toString(), 1, Integer::sum));
        build.dropped().forEach((why, n) -> dropped.merge(why, n, Integer::sum));
    }

    synchronized void refused(String engine, String reason) {
        refusals.merge(engine + ": " + reason, 1, Integer::sum);
    }

    /** One recipe two engines both restored, and equally. */
    synchronized void compared() {
        compared++;
    }

    /** Refusals by {@code engine: reason}. */
    Map<String, Integer> refusals() {
        return refusals;
    }

    int comparisons() {
        return compared;
    }

    synchronized void time(String phase, long elapsedNanos) {
        nanos.merge(phase, elapsedNanos, Long::sum);
        timed.merge(phase, 1, Integer::sum);
    }

    int recipes() {
        return recipes;
    }

    /** How many of the recipes reached {@code feature}. */
    int recipesWith(String feature) {
        return recipesWith.getOrDefault(feature, 0);
    }

    /**
     * From a thousand recipes on, fails unless every feature the issue requires was reached at
     * least once per thousand: what keeps the generator's weights honest. Fewer recipes say too
     * little, so nothing is asserted then.
     */
    void assertEveryFeatureReachedPerThousand() {
        if (recipes < 1000) {
            return;
        }
        List<String> missed = new ArrayList<>();
        for (String feature : RecipeFeatures.FEATURES) {
            if (perThousand(recipesWith(feature)) < 1.0) {
                missed.add(feature + " (" + recipesWith(feature) + " of " + recipes + " recipes)");
            }
        }
        if (!missed.isEmpty()) {
            throw new AssertionError("the generated recipes reached these less than once per 1,000: " + missed);
        }
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n== mount recipes: %s: %d recipe(s), seed %d, %.1f applied operations each%n",
                title, recipes, seed, recipes == 0 ? 0.0 : (double) operations / recipes));
        out.append(String.format("%-58s %14s %10s%n", "feature", "recipes/1000", "instances"));
        List<String> rows = new ArrayList<>(RecipeFeatures.FEATURES);
        rows.addAll(RecipeFeatures.OTHERS);
        for (String feature : rows) {
            out.append(String.format("%-58s %14.1f %10d%n", feature, perThousand(recipesWith(feature)),
                    instances.getOrDefault(feature, 0L)));
        }
        out.append("applied: ").append(applied).append('\n');
        out.append("dropped: ").append(dropped).append('\n');
        out.append("refusals: ").append(refusals.isEmpty() ? "none" : refusals.toString()).append('\n');
        if (compared > 0) {
            out.append("restored equally by two engines: ").append(compared).append('\n');
        }
        List<String> times = new ArrayList<>();
        nanos.forEach((phase, total) -> times.add(String.format("%s %.1f ms", phase, total / 1e6 / timed.get(phase))));
        out.append("mean time per recipe: ").append(String.join(", ", times)).append('\n');
        return out.toString();
    }

    private double perThousand(int n) {
        return recipes == 0 ? 0 : 1000.0 * n / recipes;
    }

    void print() {
        System.out.print(render());
    }
}
