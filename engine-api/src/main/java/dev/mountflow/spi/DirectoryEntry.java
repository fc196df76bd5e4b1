package dev.mountflow.spi;

import dev.mountflow.model.RawString;

/**
 * One name in a directory as getdents64(2) lists it.
 *
 * @param name the name, as bytes
 * @param inode {@code d_ino}
 * @param type {@code d_type} ({@code DT_DIR} = 4, {@code DT_REG} = 8, …; {@code DT_UNKNOWN} = 0
 *     when the filesystem does not say)
 */
public record DirectoryEntry(RawString name, long inode, int type) {
}
