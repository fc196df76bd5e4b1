package dev.mountflow.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the running kernel lets mountflow do, found by trying each call on a scratch tmpfs inside a
 * private namespace; the input of {@code --mount-engine auto} and of {@code mountflow check}.
 *
 * @param unshareMountNamespace unshare(CLONE_FS|CLONE_NEWNS) and making the copy rprivate
 * @param mount mount(2) of a fresh tmpfs
 * @param pivotRoot pivot_root(2) into a tmpfs, then detaching the old root
 * @param openTree open_tree(2) with OPEN_TREE_CLONE
 * @param moveMount move_mount(2) of a detached clone onto a directory
 * @param moveMountSetGroup move_mount(2) with MOVE_MOUNT_SET_GROUP, checked by reading the peer
 *     group back from mountinfo
 * @param mountSetattr mount_setattr(2) changing an attribute, checked by reading it back
 * @param openat2 openat2(2)
 * @param resolveBeneath openat2 with RESOLVE_BENEATH refusing {@code ..} out of the directory fd
 * @param fsopenFsmount fsopen/fsconfig/fsmount creating a detached tmpfs
 */
public record KernelFeatures(FeatureStatus unshareMountNamespace, FeatureStatus mount, FeatureStatus pivotRoot,
                             FeatureStatus openTree, FeatureStatus moveMount, FeatureStatus moveMountSetGroup,
                             FeatureStatus mountSetattr, FeatureStatus openat2, FeatureStatus resolveBeneath,
                             FeatureStatus fsopenFsmount) {

    /** Every feature by its C-ish name, in a stable order, for {@code mountflow check}. */
    public Map<String, FeatureStatus> byName() {
        Map<String, FeatureStatus> out = new LinkedHashMap<>();
        out.put("unshare(CLONE_NEWNS)", unshareMountNamespace);
        out.put("mount", mount);
        out.put("pivot_root", pivotRoot);
        out.put("open_tree", openTree);
        out.put("move_mount", moveMount);
        out.put("MOVE_MOUNT_SET_GROUP", moveMountSetGroup);
        out.put("mount_setattr", mountSetattr);
        out.put("openat2", openat2);
        out.put("RESOLVE_BENEATH", resolveBeneath);
        out.put("fsopen/fsmount", fsopenFsmount);
        return out;
    }

    /**
     * The v2 engine needs clones, moves and set-group for sharing, and openat2 with
     * RESOLVE_BENEATH to resolve image paths safely (DESIGN §7.2), besides a namespace to work in.
     */
    public FeatureStatus canRunV2() {
        return require("unshare(CLONE_NEWNS)", "open_tree", "move_mount", "MOVE_MOUNT_SET_GROUP",
                "openat2", "RESOLVE_BENEATH");
    }

    /** The v1 engine needs mount(2), a namespace per image namespace, and pivot_root. */
    public FeatureStatus canRunV1() {
        return require("unshare(CLONE_NEWNS)", "mount", "pivot_root");
    }

    /**
     * {@code base} (an engine's {@link #canRunV1()} or {@link #canRunV2()}) with the features named
     * in {@code alsoNeeded} (as in {@link #byName()}) required too: every missing one in the reason.
     */
    public FeatureStatus requireAlso(FeatureStatus base, String... alsoNeeded) {
        FeatureStatus more = require(alsoNeeded);
        if (base.available()) {
            return more;
        }
        return more.available() ? base : FeatureStatus.missing(base.reason() + "; " + more.reason());
    }

    private FeatureStatus require(String... names) {
        Map<String, FeatureStatus> all = byName();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            FeatureStatus s = all.get(name);
            if (!s.available()) {
                missing.add(name + ": " + s.reason());
            }
        }
        return missing.isEmpty() ? FeatureStatus.works() : FeatureStatus.missing(String.join("; ", missing));
    }
}
