package dev.mountflow.dump;

import dev.mountflow.mountinfo.MountInfoEntry;
import java.util.List;

/**
 * One live mount namespace as read at dump time.
 *
 * @param pid the process (or thread) whose {@code mountinfo} was read
 * @param kernelId the inode number of its {@code /proc/<pid>/ns/mnt}
 * @param entries its mountinfo, read once
 */
public record LiveNamespace(long pid, long kernelId, List<MountInfoEntry> entries) {
    public LiveNamespace {
        entries = List.copyOf(entries);
    }
}
