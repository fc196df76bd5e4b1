package dev.mountflow.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run measures: every layout at every mount count, each restored
 * {@code warmup} times untimed and then {@code runs} times by the floor and by each restorer,
 * medians compared.
 */
public record BenchOptions(List<Layout> layouts, List<Integer> mounts, int runs, int warmup) {
    public static final int DEFAULT_RUNS = 5;
    /** Enough rounds for the JIT to have compiled every stage's loops with C2 at 1,000 mounts and up. */
    public static final int DEFAULT_WARMUP = 5;

    public BenchOptions(List<Layout> layouts, List<Integer> mounts, int runs) {
        this(layouts, mounts, runs, DEFAULT_WARMUP);
    }

    public BenchOptions {
        layouts = List.copyOf(layouts);
        mounts = List.copyOf(mounts);
        if (layouts.isEmpty() || mounts.isEmpty()) {
            throw new IllegalArgumentException("at least one layout and one mount count are needed");
        }
        for (int n : mounts) {
            if (n < 1 || n > BenchLayouts.MAX_MOUNTS) {
                throw new IllegalArgumentException("--mounts " + n + " is not in 1.." + BenchLayouts.MAX_MOUNTS);
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs " + runs + " is not a positive number");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup " + warmup + " is negative");
        }
    }

    /**
     * Parses {@code --mounts N[,N…]} (required), {@code --layout flat|binds|nested|groups|all[,…]}
     * (default all), {@code --runs K} (default {@value #DEFAULT_RUNS}) and {@code --warmup W}
     * (default {@value #DEFAULT_WARMUP}).
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static BenchOptions parse(String... args) {
        List<Layout> layouts = List.of(Layout.values());
        List<Integer> mounts = null;
        int runs = DEFAULT_RUNS;
        int warmup = DEFAULT_WARMUP;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("'" + option + "' needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--mounts" -> mounts = Arrays.stream(value.split(",")).map(v -> number(option, v)).toList();
                case "--layout" -> layouts = parseLayouts(value);
                case "--runs" -> runs = number(option, value);
                case "--warmup" -> warmup = number(option, value);
                default -> throw new IllegalArgumentException("unknown option '" + option
                        + "': expected --mounts N[,N...] [--layout flat|binds|nested|groups|all] [--runs K] [--warmup W]");
            }
        }
        if (mounts == null) {
            throw new IllegalArgumentException("--mounts N is required");
        }
        return new BenchOptions(layouts, mounts, runs, warmup);
    }

    private static List<Layout> parseLayouts(String value) {
        List<Layout> out = new ArrayList<>();
        for (String name : value.split(",")) {
            if (name.equals("all")) {
                out.addAll(List.of(Layout.values()));
            } else {
                out.add(Layout.parse(name));
            }
        }
        return out;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a number", e);
        }
    }
}
