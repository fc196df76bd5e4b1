package dev.mountflow.restore.testengine;

import dev.mountflow.model.Mount;
import dev.mountflow.spi.NamespaceExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the stages of one {@link TmpfsTestEngine} restore share: the namespace, the mounts to make, the undo log. */
public final class TmpfsRestore {
    volatile NamespaceExecutor namespace;
    volatile List<Mount> extras = List.of();
    private final List<String> undone = Collections.synchronizedList(new ArrayList<>());

    /** The undo actions that ran, in the order they ran. */
    public List<String> undone() {
        synchronized (undone) {
            return List.copyOf(undone);
        }
    }

    void undid(String what) {
        undone.add(what);
    }

    boolean isExtra(int mountId) {
        return extras.stream().anyMatch(m -> m.id() == mountId);
    }
}
