package dev.mountflow.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrnoTests {

    @Test
    void mapsNumbersToNamesAndGlibcTexts() {
        assertThat(Errno.of(1)).hasValue(Errno.EPERM);
        assertThat(Errno.nameOf(28)).isEqualTo("ENOSPC");
        assertThat(Errno.textOf(18)).isEqualTo("Invalid cross-device link");
        assertThat(Errno.ELOOP.number()).isEqualTo(40);
        assertThat(Errno.EOPNOTSUPP.number()).isEqualTo(95);
    }

    @Test
    void anUnknownNumberIsShownAsGlibcShowsIt() {
        assertThat(Errno.of(4000)).isEmpty();
        assertThat(Errno.nameOf(4000)).isEqualTo("errno 4000");
        assertThat(Errno.textOf(4000)).isEqualTo("Unknown error 4000");
    }

    @Test
    void numbersAreUnique() {
        assertThat(Errno.values()).extracting(Errno::number).doesNotHaveDuplicates();
    }
}
