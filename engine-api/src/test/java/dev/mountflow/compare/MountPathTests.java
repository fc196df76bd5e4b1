package dev.mountflow.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.RawString;
import org.junit.jupiter.api.Test;

class MountPathTests {
    private static final RawString MNT = RawString.of("/mnt");
    private static final RawString A = RawString.of("/mnt/a");
    private static final RawString B = RawString.of("/mnt/a/b");

    @Test
    void aMountOutsideAnyStackIsItsMountpoint() {
        MountPath a = MountPath.of(MNT).child(A);

        assertThat(a).hasToString("'/mnt/a'").isEqualTo(MountPath.of(A));
        assertThat(a.isChain()).isFalse();
        assertThat(a.segments()).containsExactly(new MountPath.Segment(A, 1));
    }

    @Test
    void aStackedMountCarriesItsLevel() {
        MountPath third = MountPath.of(MNT).child(MNT).child(MNT);

        assertThat(third).hasToString("'/mnt'#3");
        assertThat(third.level()).isEqualTo(3);
        assertThat(third.isChain()).isTrue();
    }

    @Test
    void mountsOnAStackedMountKeepItsPathAsPrefix() {
        MountPath onUpper = MountPath.of(MNT).child(MNT).child(A).child(B);
        MountPath onLower = MountPath.of(MNT).child(A).child(B);

        assertThat(onUpper).hasToString("'/mnt'#2 > '/mnt/a' > '/mnt/a/b'");
        assertThat(onUpper.segments()).containsExactly(
                new MountPath.Segment(MNT, 2), new MountPath.Segment(A, 1), new MountPath.Segment(B, 1));
        assertThat(onUpper.mountpoint()).isEqualTo(B);
        assertThat(onLower).hasToString("'/mnt/a/b'");
        assertThat(onUpper).isNotEqualTo(onLower);
    }

    @Test
    void equalPathsBuiltApartAreEqualWithEqualHashes() {
        MountPath one = MountPath.of(MNT).child(MNT).child(A);
        MountPath two = MountPath.of("/mnt").child(RawString.of("/mnt")).child(RawString.of("/mnt/a"));

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one).isNotEqualTo(MountPath.of(MNT).child(MNT).child(MNT).child(A));
    }

    @Test
    void bytesThatAreNotTextAreEscaped() {
        assertThat(MountPath.of(RawString.of(new byte[] {'/', 'a', (byte) 0xfe, '\n'}))).hasToString("'/a\\xfe\\n'");
    }
}
