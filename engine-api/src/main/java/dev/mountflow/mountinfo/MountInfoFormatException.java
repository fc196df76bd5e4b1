package dev.mountflow.mountinfo;

import dev.mountflow.error.InputException;

/**
 * A mountinfo text that does not follow the kernel's line format; the message names the line, the
 * field and what is wrong with it.
 */
public class MountInfoFormatException extends InputException {
    public MountInfoFormatException(String message) {
        super(message);
    }

    static MountInfoFormatException at(int line, String field, String reason) {
        return new MountInfoFormatException("mountinfo line " + line + ": field '" + field + "': " + reason);
    }
}
