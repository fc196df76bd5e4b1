package dev.mountflow.enginev1;

import dev.mountflow.build.MountStageException;
import dev.mountflow.build.OwnedFds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.NativeCallException;
import java.util.function.ToIntFunction;

/**
 * Sets a mount(2) mark on the mounts of each split-off namespace that a path reaches (the covered
 * ones got theirs before the split), from the namespace's own thread, by fchdir to the mount found
 * from the top of its {@code /} and mount(2) on {@code "."}; the thread's cwd goes back to its
 * root after.
 */
final class V1LateMarks {
    private V1LateMarks() {
    }

    /**
     * Calls mount(2) with {@code flags.applyAsInt(m)} on every uncovered mount for which it is not
     * 0; a failure names {@code stage}.
     */
    static void mark(V1Restore restore, V1Calls calls, String stage, ToIntFunction<Mount> flags) {
        for (var entry : restore.split.entrySet()) {
            V1Restore.Split split = entry.getValue();
            split.thread().run(() -> {
                try {
                    for (Mount m : restore.tree.depthFirst(entry.getKey())) {
                        int f = flags.applyAsInt(m);
                        if (f != 0 && !restore.tree.isCovered(m)) {
                            mark(restore, calls, stage, split, m, f);
                        }
                    }
                } finally {
                    calls.kernel().fchdir(split.root().fd());
                }
            });
        }
    }

    private static void mark(V1Restore restore, V1Calls calls, String stage, V1Restore.Split split, Mount m,
                             int flags) {
        RawString rel = m.mountpoint().relativeTo(RawString.SLASH);
        try (OwnedFds.Owned fd = rel.isEmpty() ? OwnedFds.borrow(split.top())
                : restore.fds.own(m, calls.paths().reach(split.top().fd(), rel))) {
            calls.onMount(fd.fd(), flags);
        } catch (NativeCallException e) {
            throw new MountStageException(stage, restore.tree.label(m), e);
        }
    }
}
