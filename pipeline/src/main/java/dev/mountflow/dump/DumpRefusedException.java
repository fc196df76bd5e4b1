package dev.mountflow.dump;

import dev.mountflow.error.InputException;
import java.util.List;

/**
 * A dump that would write an image mountflow could not restore faithfully; nothing was written.
 * Each reason names the namespace, the mount and what would make it dumpable.
 */
public final class DumpRefusedException extends InputException {
    private final List<String> reasons;

    public DumpRefusedException(List<String> reasons) {
        super("refusing to dump: " + reasons.size() + " mount(s) could not be restored faithfully\n  "
                + String.join("\n  ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
