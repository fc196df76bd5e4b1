package dev.mountflow.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.RawString;
import org.junit.jupiter.api.Test;

class ValidationProblemTests {
    @Test
    void imageProblemNamesNoNamespace() {
        assertThat(ValidationProblem.ofImage("namespaces", "the image has no namespaces"))
                .hasToString("image, namespaces: the image has no namespaces");
    }

    @Test
    void namespaceProblemNamesNoMount() {
        assertThat(ValidationProblem.ofNamespace(0, "ns_id", "bad"))
                .hasToString("namespace 0, ns_id: bad");
    }

    @Test
    void mountProblemQuotesTheMountpointPrintably() {
        RawString mountpoint = RawString.of(new byte[] {'/', 'a', ' ', 'b', '\n', (byte) 0xff});

        assertThat(ValidationProblem.ofMount(2, 0, mountpoint, "mnt_id", "bad"))
                .hasToString("namespace 2, mount 0 '/a b\\n\\xff', mnt_id: bad");
    }

    @Test
    void mountProblemWithoutMountpoint() {
        assertThat(new ValidationProblem(ValidationProblem.Scope.MOUNT, 2, 31, null, "root", "bad"))
                .hasToString("namespace 2, mount 31, root: bad");
    }

    @Test
    void longMountpointIsCutAfterItsFirstBytes() {
        RawString mountpoint = RawString.of("/" + "x".repeat(99));

        assertThat(ValidationProblem.ofMount(1, 5, mountpoint, "mountpoint", "bad"))
                .hasToString("namespace 1, mount 5 '/" + "x".repeat(63) + "'..., mountpoint: bad");
    }
}
