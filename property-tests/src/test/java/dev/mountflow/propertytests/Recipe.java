package dev.mountflow.propertytests;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A mount layout to build: operations applied in order in a fresh private namespace whose root
 * is an empty tmpfs ({@link RecipeBuild}). Operations the kernel refuses are dropped when
 * applied, so every recipe, and every sublist of one, builds a valid layout.
 */
public record Recipe(List<Op> ops) {
    public Recipe {
        ops = List.copyOf(ops);
    }

    public static Recipe of(Op... ops) {
        return new Recipe(List.of(ops));
    }

    /** The Java expression that recreates this recipe, for pasting into a regression test. */
    @Override
    public String toString() {
        if (ops.stream().allMatch(op -> op.kind() == Op.Kind.SKIP)) {
            return "Recipe.of()";
        }
        return ops.stream().filter(op -> op.kind() != Op.Kind.SKIP).map(Op::toString)
                .collect(Collectors.joining(",\n        ", "Recipe.of(\n        ", ")"));
    }
}
