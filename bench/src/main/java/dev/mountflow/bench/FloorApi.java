package dev.mountflow.bench;

import java.util.Locale;

/** Which calls {@code mountfloor} builds a layout with ({@code --api}). */
public enum FloorApi {
    /** mkdir(2) and mount(2) by path, sharing inherited through binds: the fewest calls, the floor proper. */
    MOUNT,
    /**
     * The v2 engine's calls: fsopen/fsconfig/fsmount, open_tree clones, move_mount by fd,
     * MOVE_MOUNT_SET_GROUP and mount_setattr; what that design cannot go below.
     */
    FD;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
