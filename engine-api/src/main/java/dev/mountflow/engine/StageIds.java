package dev.mountflow.engine;

import java.util.List;

/**
 * The stable ids of the pipeline's stages, in order (DESIGN.md §2). They appear in the CLI, logs,
 * reports and plugin hooks, so they never change.
 */
public final class StageIds {
    public static final String VALIDATE = "validate";
    public static final String PRE_CREATE_NAMESPACES = "pre-create-namespaces";
    public static final String POPULATE_TREE = "populate-tree";
    public static final String ASSEMBLE = "assemble";
    public static final String RESTORE_SHARING_GROUPS = "restore-sharing-groups";
    public static final String REMOUNT_READ_ONLY = "remount-read-only";
    public static final String CLEANUP_DELETED_SOURCES = "cleanup-deleted-sources";
    public static final String VERIFY = "verify";
    public static final String PUBLISH = "publish";

    /** The stages an engine provides, in the order the runner runs them. */
    public static final List<String> ENGINE_STAGES = List.of(VALIDATE, PRE_CREATE_NAMESPACES, POPULATE_TREE,
            ASSEMBLE, RESTORE_SHARING_GROUPS, REMOUNT_READ_ONLY, CLEANUP_DELETED_SOURCES);

    /** Every stage, the runner's own {@code verify} and {@code publish} last. */
    public static final List<String> ALL = List.of(VALIDATE, PRE_CREATE_NAMESPACES, POPULATE_TREE, ASSEMBLE,
            RESTORE_SHARING_GROUPS, REMOUNT_READ_ONLY, CLEANUP_DELETED_SOURCES, VERIFY, PUBLISH);

    private StageIds() {
    }
}
