package dev.mountflow.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadAheadStreamTests {

    @Test
    void givesTheSourcesBytesInOrderWhateverTheReadSizes() throws IOException {
        byte[] data = new byte[1_000_003];
        new Random(7).nextBytes(data);
        Random sizes = new Random(11);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = ReadAheadStream.of(new ByteArrayInputStream(data))) {
            byte[] buf = new byte[200_000];
            int n;
            while ((n = in.read(buf, 0, 1 + sizes.nextInt(buf.length))) >= 0) {
                out.write(buf, 0, n);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void readsTheKernelsMountTableAsAPlainReadDoes() throws IOException {
        byte[] plain = Files.readAllBytes(Path.of("/proc/self/mountinfo"));
        try (InputStream in = ReadAheadStream.of(Files.newInputStream(Path.of("/proc/self/mountinfo")))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
    }

    @Test
    void aFailureOfTheSourceReachesTheReaderWhereTheDataStops() throws IOException {
        InputStream failing = new InputStream() {
            private int left = 3;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 'x';
                }
                throw new IOException("read /proc/42/mountinfo: ESRCH");
            }
        };
        try (InputStream in = ReadAheadStream.of(failing)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessage("read /proc/42/mountinfo: ESRCH");
        }
    }
}
