package dev.mountflow.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntIntMapTests {

    @Test
    void agreesWithAHashMapThroughGrowth() {
        Random random = new Random(42);
        IntIntMap map = new IntIntMap(2);
        Map<Integer, Integer> expected = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            // Small ranges collide often; negative and extreme keys must work as any other.
            int key = switch (i % 4) {
                case 0 -> random.nextInt(64);
                case 1 -> -random.nextInt(1000);
                case 2 -> random.nextInt();
                default -> i % 8 == 3 ? Integer.MIN_VALUE : Integer.MAX_VALUE - random.nextInt(3);
            };
            int value = random.nextInt();
            boolean added = map.putIfAbsent(key, value);
            assertThat(added).isEqualTo(!expected.containsKey(key));
            expected.putIfAbsent(key, value);
        }
        assertThat(map.size()).isEqualTo(expected.size());
        expected.forEach((k, v) -> assertThat(map.get(k, -7)).isEqualTo(v));
        for (int i = 0; i < 1000; i++) {
            int key = random.nextInt();
            if (!expected.containsKey(key)) {
                assertThat(map.get(key, -7)).isEqualTo(-7);
            }
        }
    }

    @Test
    void namesKeysInOrderOfFirstAppearance() {
        IntIntMap names = new IntIntMap(1);
        assertThat(names.nameOnce(500)).isEqualTo(1);
        assertThat(names.nameOnce(-3)).isEqualTo(2);
        assertThat(names.nameOnce(500)).isEqualTo(1);
        for (int k = 0; k < 100; k++) {
            assertThat(names.nameOnce(10_000 + k)).isEqualTo(3 + k);
        }
        assertThat(names.nameOnce(-3)).isEqualTo(2);
        assertThat(names.size()).isEqualTo(102);
    }
}
