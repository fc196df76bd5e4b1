package dev.mountflow.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names for the bits of one flag word, for messages: {@code describe(MS_BIND|MS_REC)} gives
 * {@code "MS_BIND|MS_REC"}; bits without a name are shown in hex ({@code 0x40000000}); zero is
 * {@code "0"}. Kept in declaration order so messages read the same way every time.
 */
public final class FlagTable {
    private final Map<String, Long> bits;

    private FlagTable(Map<String, Long> bits) {
        this.bits = Collections.unmodifiableMap(bits);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String describe(long value) {
        if (value == 0) {
            return "0";
        }
        List<String> names = new ArrayList<>();
        long rest = value;
        for (Map.Entry<String, Long> e : bits.entrySet()) {
            long bit = e.getValue();
            if (bit != 0 && (value & bit) == bit && (rest & bit) != 0) {
                names.add(e.getKey());
                rest &= ~bit;
            }
        }
        if (rest != 0) {
            names.add("0x" + Long.toHexString(rest));
        }
        return String.join("|", names);
    }

    /** The value of a named flag; throws for a name this table does not hold. */
    public long valueOf(String name) {
        Long bit = bits.get(name);
        if (bit == null) {
            throw new IllegalArgumentException("unknown flag '" + name + "'");
        }
        return bit;
    }

    public Map<String, Long> entries() {
        return bits;
    }

    /** Collects names in the order they should appear in messages. */
    public static final class Builder {
        private final Map<String, Long> bits = new LinkedHashMap<>();

        public Builder add(String name, long bit) {
            bits.put(name, bit);
            return this;
        }

        public FlagTable build() {
            return new FlagTable(new LinkedHashMap<>(bits));
        }
    }
}
