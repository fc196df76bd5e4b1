package dev.mountflow.spi;

import dev.mountflow.model.FlagTable;
import java.util.List;

/**
 * Flags and commands of the filesystem-context calls fsopen(2), fsconfig(2) and fsmount(2), as in
 * {@code <linux/mount.h>}.
 */
public final class FsContextFlags {
    public static final int FSOPEN_CLOEXEC = 0x00000001;
    public static final int FSMOUNT_CLOEXEC = 0x00000001;

    public static final int FSCONFIG_SET_FLAG = 0;
    public static final int FSCONFIG_SET_STRING = 1;
    public static final int FSCONFIG_SET_BINARY = 2;
    public static final int FSCONFIG_SET_PATH = 3;
    public static final int FSCONFIG_SET_PATH_EMPTY = 4;
    public static final int FSCONFIG_SET_FD = 5;
    public static final int FSCONFIG_CMD_CREATE = 6;
    public static final int FSCONFIG_CMD_RECONFIGURE = 7;

    public static final FlagTable FSOPEN_TABLE = FlagTable.builder()
            .add("FSOPEN_CLOEXEC", FSOPEN_CLOEXEC).build();
    public static final FlagTable FSMOUNT_TABLE = FlagTable.builder()
            .add("FSMOUNT_CLOEXEC", FSMOUNT_CLOEXEC).build();

    // fsconfig's command is an enum, not a bit set: index = value.
    private static final List<String> COMMANDS = List.of("FSCONFIG_SET_FLAG", "FSCONFIG_SET_STRING",
            "FSCONFIG_SET_BINARY", "FSCONFIG_SET_PATH", "FSCONFIG_SET_PATH_EMPTY", "FSCONFIG_SET_FD",
            "FSCONFIG_CMD_CREATE", "FSCONFIG_CMD_RECONFIGURE");

    private FsContextFlags() {
    }

    /** The name of an fsconfig command, or its number for one this table does not hold. */
    public static String commandName(int cmd) {
        return cmd >= 0 && cmd < COMMANDS.size() ? COMMANDS.get(cmd) : Integer.toString(cmd);
    }
}
