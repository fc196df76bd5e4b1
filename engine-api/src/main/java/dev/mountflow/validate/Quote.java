package dev.mountflow.validate;

import dev.mountflow.model.RawString;

/**
 * Values quoted for messages. A hostile image can hold 4 KiB paths; messages show their start
 * and mark the cut with {@code ...} after the closing quote.
 */
final class Quote {
    static final int SHOWN_BYTES = 64;

    private Quote() {
    }

    static String of(RawString value) {
        if (value.length() <= SHOWN_BYTES) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, SHOWN_BYTES) + "'...";
    }

    static String of(String value) {
        return of(RawString.of(value));
    }
}
