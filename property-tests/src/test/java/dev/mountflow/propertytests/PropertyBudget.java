package dev.mountflow.propertytests;

import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.ExceptionReporter;
import org.quicktheories.core.Reporter;

/**
 * How much each property runs. QuickTheories itself reads {@code QT_SEED}, {@code QT_EXAMPLES}
 * and {@code QT_SHRINKS} from the system properties ({@link Configuration#systemStrategy()}), but
 * {@code withExamples} and {@code withShrinkCycles} override them; so a property's own CI budget
 * is applied only when the property is not set, and {@code -DQT_EXAMPLES=N} (or
 * {@code -Pcampaign}) wins. A falsified property names its seed and the command that replays it.
 */
final class PropertyBudget {
    private PropertyBudget() {
    }

    /**
     * The seed of a property's run: {@code QT_SEED} when given, else a fresh one. Fixing it here
     * rather than leaving it to QuickTheories lets a run's statistics name it, passed or not.
     */
    static long seed() {
        return isSet(Configuration.SEED) ? Long.parseLong(System.getProperty(Configuration.SEED)) : System.nanoTime();
    }

    /** A theory with {@code examples} and {@code shrinks} unless the system properties say otherwise. */
    static QuickTheory qt(int examples, int shrinks) {
        return qt(examples, shrinks, seed());
    }

    /** As {@link #qt(int, int)}, from {@code seed}. */
    static QuickTheory qt(int examples, int shrinks, long seed) {
        QuickTheory qt = QuickTheory.qt().withFixedSeed(seed).withReporter(new ReplayReporter());
        if (!isSet(Configuration.EXAMPLES)) {
            qt = qt.withExamples(examples);
        }
        if (!isSet(Configuration.SHRINKS)) {
            qt = qt.withShrinkCycles(shrinks);
        }
        return qt;
    }

    /** The examples a property runs with a CI budget of {@code examples}. */
    static int examples(int examples) {
        return isSet(Configuration.EXAMPLES) ? Integer.parseInt(System.getProperty(Configuration.EXAMPLES)) : examples;
    }

    private static boolean isSet(String property) {
        String value = System.getProperty(property);
        return value != null && !value.isBlank();
    }

    /** QuickTheories' report, ending with the seed as a system property to pass back. */
    static final class ReplayReporter implements Reporter {
        private final ExceptionReporter report = new ExceptionReporter();

        @Override
        public void falisification(long seed, int count, Object smallest, Throwable cause, List<Object> examples,
                                   AsString<Object> toString) {
            try {
                report.falisification(seed, count, smallest, cause, examples, toString);
            } catch (AssertionError e) {
                throw withReplay(e, seed);
            }
        }

        @Override
        public void falisification(long seed, int count, Object smallest, List<Object> examples,
                                   AsString<Object> toString) {
            try {
                report.falisification(seed, count, smallest, examples, toString);
            } catch (AssertionError e) {
                throw withReplay(e, seed);
            }
        }

        @Override
        public void valuesExhausted(int completedExamples) {
            report.valuesExhausted(completedExamples);
        }

        private static AssertionError withReplay(AssertionError e, long seed) {
            AssertionError replay = new AssertionError(e.getMessage() + "\nreplay: -D" + Configuration.SEED + "=" + seed
                    + " (with -Dtest=<this class>); the smallest recipe above pastes into RecipeRegressionTests");
            replay.setStackTrace(e.getStackTrace());
            return replay;
        }
    }
}
