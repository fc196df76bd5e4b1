package dev.mountflow.enginev1;

import dev.mountflow.build.BuildPlan;
import dev.mountflow.build.ContentSource;
import dev.mountflow.build.OwnedFds;
import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.NamespaceExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the stages of one v1 restore hand to each other: the plan, the work namespace and its
 * roots yard, the fds of sources and of the mounts later steps act on, and each split-off
 * namespace. Every resource in here is also on the context's rollback stack.
 */
final class V1Restore {
    /**
     * An existing host directory, covered by the yard only inside the private work namespace:
     * nothing is created on the host's filesystem.
     */
    static final RawString YARD = RawString.of("/mnt");

    /**
     * A deleted mount root the restore recreated so it could be bound; removed again at cleanup.
     *
     * @param path the root's path in the source
     * @param standIn where it was made instead, beside {@code path} ({@link dev.mountflow.build.DeletedRootStandIns}),
     *     or null when it was made at {@code path} (in host content)
     */
    record RecreatedRoot(ContentSource source, RawString path, Mount mount, RawString standIn) {
    }

    /**
     * A namespace split off the work namespace and pivoted into its tree.
     *
     * @param top the mount on top of its {@code /}, where path lookups start
     * @param root its root mount (the bottom of a stack on {@code /}), its threads' cwd between tasks
     */
    record Split(NamespaceExecutor thread, OwnedFds.Owned top, OwnedFds.Owned root) {
    }

    BuildPlan tree;
    V1Plan plan;
    OwnedFds fds;
    /** The private namespace holding the yard, where everything is built. */
    NamespaceExecutor work;
    /** The roots yard: a tmpfs on {@link #YARD} in the work namespace. */
    OwnedFds.Owned yard;
    /** Host directories ({@code --root}, {@code --external}), opened before the yard covers {@link #YARD}. */
    final Map<ContentSource, OwnedFds.Owned> hostDirs = new HashMap<>();
    /** The whole-filesystem mounts of fresh superblocks in the yard. */
    final Map<ContentSource, OwnedFds.Owned> wholeMounts = new HashMap<>();
    /** Work-namespace fds of image mounts a later step still acts on, by mount id. */
    final Map<Integer, OwnedFds.Owned> mountFds = new HashMap<>();
    final Map<Integer, Split> split = new LinkedHashMap<>();
    final List<RecreatedRoot> recreated = new ArrayList<>();

    /** What binds of {@code source} come from in the work namespace. */
    OwnedFds.Owned sourceFd(ContentSource source) {
        return source.isFresh() ? wholeMounts.get(source) : hostDirs.get(source);
    }
}
