package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;

/** Flags of renameat2(2), as in {@code <linux/fs.h>}. */
public final class RenameFlags {
    public static final int RENAME_NOREPLACE = 1;
    public static final int RENAME_EXCHANGE = 1 << 1;
    public static final int RENAME_WHITEOUT = 1 << 2;

    public static final FlagTable TABLE = FlagTable.builder()
            .add("RENAME_NOREPLACE", RENAME_NOREPLACE).add("RENAME_EXCHANGE", RENAME_EXCHANGE)
            .add("RENAME_WHITEOUT", RENAME_WHITEOUT)
            .build();

    private RenameFlags() {
    }
}
