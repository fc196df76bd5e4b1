package dev.mountflow.propertytests;

import static dev.mountflow.propertytests.MountSources.mountForests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mountflow.validate.ImageValidator;
import dev.mountflow.validate.ValidationException;
import dev.mountflow.validate.ValidationProblem;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every generated forest is valid (the generator's own contract), and every corruption of one
 * is refused with a message naming the broken mount and field: a dropped parent, a duplicated id,
 * a parent cycle, a broken mountpoint.
 */
class ImageValidatorProperties {
    static final int EXAMPLES = 400;
    static final int SHRINKS = 30_000;

    private final ImageValidator validator = new ImageValidator();

    static Gen<Corruption> corruptions() {
        return Generate.enumValues(Corruption.Kind.class)
                .zip(Generate.range(0, 1000), Generate.range(0, 1000), Corruption::new);
    }

    @Test
    void everyGeneratedForestIsValid() {
        PropertyBudget.qt(EXAMPLES, SHRINKS).forAll(mountForests())
                .checkAssert(image -> assertThat(validator.problems(image)).isEmpty());
    }

    @Test
    void everyCorruptionIsRefusedNamingTheMountAndField() {
        PropertyBudget.qt(EXAMPLES, SHRINKS).forAll(mountForests(), corruptions()).checkAssert((image, corruption) -> {
            Corruption.Corrupted bad = corruption.applyTo(image);
            ValidationException refused = catchThrowableOfType(ValidationException.class,
                    () -> validator.validate(bad.image()));
            assertThat(refused).as("validation after the corruption: %s", bad.what()).isNotNull();
            assertThat(refused.getMessage()).startsWith("image is invalid: " + refused.problems().size() + " problem(s)\n");
            assertThat(refused.problems()).as("problems after the corruption: %s", bad.what())
                    .anySatisfy(p -> {
                        assertThat(p.scope()).isEqualTo(ValidationProblem.Scope.MOUNT);
                        assertThat(p.namespaceId()).isEqualTo(bad.namespaceId());
                        assertThat(bad.suspects()).contains(p.mountId());
                        assertThat(p.field()).isEqualTo(bad.field());
                        assertThat(refused.getMessage()).contains("\n" + p);
                    });
        });
    }
}
