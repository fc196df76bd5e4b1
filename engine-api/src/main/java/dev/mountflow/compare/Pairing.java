package dev.mountflow.compare;

import java.util.List;

/** The steps of one comparison with both sides indexed, and how messages name a matched mount. */
final class Pairing {
    private final List<MatchStep> steps;
    private final PairedSide expected;
    private final PairedSide actual;

    Pairing(CanonicalImage expectedImage, CanonicalImage actualImage, List<MatchStep> steps) {
        this.steps = steps;
        this.expected = new PairedSide(expectedImage, steps, MatchStep::expected);
        this.actual = new PairedSide(actualImage, steps, MatchStep::actual);
    }

    PairedSide expected() {
        return expected;
    }

    PairedSide actual() {
        return actual;
    }

    /** A difference located at the mount of {@code step}, named as in the expected image. */
    Difference difference(int step, DifferenceKind kind, String expectedText, String actualText) {
        return new Difference(steps.get(step).namespace() + 1, expected.mount(step).path(), kind,
                expectedText, actualText);
    }

    /**
     * The matched mount of {@code pairStep} as seen from the mount of {@code fromStep}: its path,
     * followed by its namespace when that differs or when {@code withNamespace}.
     */
    String reference(int pairStep, int fromStep, boolean withNamespace) {
        int ns = steps.get(pairStep).namespace();
        String path = expected.mount(pairStep).path().toString();
        return withNamespace || ns != steps.get(fromStep).namespace()
                ? path + " (namespace " + (ns + 1) + ")"
                : path;
    }
}
