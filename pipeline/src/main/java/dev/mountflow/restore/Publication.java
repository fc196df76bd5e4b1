package dev.mountflow.restore;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** What the {@code publish} stage does with the restored namespaces. */
public sealed interface Publication {
    /** Nothing: the namespaces go away when the {@link RestoreResult} is closed. */
    record Release() implements Publication {
    }

    /** Pin each namespace as the file {@code dir/<image namespace id>}, for {@code nsenter --mount=FILE}. */
    record PinIn(Path dir) implements Publication {
        public PinIn {
            Objects.requireNonNull(dir, "dir");
        }
    }

    /** Run {@code command} inside the restored root namespace and wait for it. */
    record Exec(List<String> command) implements Publication {
        public Exec {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("an exec publication needs a command");
            }
        }
    }

    static Publication release() {
        return new Release();
    }
}
