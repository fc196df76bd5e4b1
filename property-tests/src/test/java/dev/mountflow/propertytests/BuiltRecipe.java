package dev.mountflow.propertytests;

import dev.mountflow.model.MountImage;

/**
 * A recipe that was built, dumped and released again: its image, and what a failure message
 * needs to show how to build it again.
 *
 * @param image the dump of the layout, every namespace of it
 * @param commands the applied operations as commands, one per line
 * @param minimal the recipe of the applied operations only, which builds the same layout
 */
record BuiltRecipe(MountImage image, String commands, Recipe minimal) {

    /** Builds {@code recipe}, dumps it, counts it in {@code statistics} and ends its namespaces. */
    static BuiltRecipe of(Recipe recipe, RecipeStatistics statistics) {
        long start = System.nanoTime();
        try (RecipeBuild build = RecipeBuild.of(recipe)) {
            long built = System.nanoTime();
            MountImage image = build.dump();
            statistics.time("build", built - start);
            statistics.time("dump", System.nanoTime() - built);
            statistics.recipe(build, RecipeFeatures.of(build, image));
            return new BuiltRecipe(image, build.commands(), build.minimal());
        }
    }

    /** The whole story of this recipe, for a property that failed on it. */
    String describe() {
        return "the layout, as commands run in a private namespace pivoted into an empty tmpfs:\n" + commands
                + "its dump:\n" + ImageText.render(image)
                + "as a regression example: " + minimal + "\n";
    }
}
