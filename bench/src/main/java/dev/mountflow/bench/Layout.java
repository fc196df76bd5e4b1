package dev.mountflow.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The shapes of mount table the benchmark restores; {@link BenchLayouts} describes each. */
public enum Layout {
    /** N-1 tmpfs mounts side by side under the root tmpfs. */
    FLAT,
    /** A few tmpfs superblocks and binds of their subdirectories: roots other than {@code /}. */
    BINDS,
    /** Chains of tmpfs mounts, each on the previous one, depth bounded. */
    NESTED,
    /** Peer groups of four binds with different roots, half of them slaves of the other half. */
    GROUPS;

    /** The name on the command line and in {@code mountfloor}: {@code flat}, {@code binds}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layout named {@code name} ({@link #cliName()}), or an exception listing the names. */
    public static Layout parse(String name) {
        for (Layout layout : values()) {
            if (layout.cliName().equals(name)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + name + "': expected one of "
                + Arrays.stream(values()).map(Layout::cliName).collect(Collectors.joining(", ")));
    }
}
