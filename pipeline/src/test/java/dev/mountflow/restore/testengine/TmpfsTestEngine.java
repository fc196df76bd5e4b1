package dev.mountflow.restore.testengine;

import dev.mountflow.engine.MountEngine;
import dev.mountflow.engine.Stage;
import dev.mountflow.spi.FeatureStatus;
import dev.mountflow.spi.KernelFeatures;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real but narrow engine for testing the runner: it restores an image made of the host's mount
 * table (as a private copy holds it) plus fresh tmpfs mounts on paths the host has no mount on.
 * The namespace is a private copy of the host's; each tmpfs is mounted, nested, shared and made
 * read-only as the image says, by stages that register every undo.
 */
public final class TmpfsTestEngine implements MountEngine {
    public static final String NAME = "test-tmpfs";

    private final UnaryOperator<List<Stage>> edit;
    private volatile TmpfsRestore last;

    public TmpfsTestEngine() {
        this(UnaryOperator.identity());
    }

    /** An engine whose stage list {@code edit} changes: failures injected, stages swapped. */
    public TmpfsTestEngine(UnaryOperator<List<Stage>> edit) {
        this.edit = edit;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test engine: a private copy of the host plus fresh tmpfs mounts";
    }

    @Override
    public FeatureStatus canRun(KernelFeatures features) {
        return features.unshareMountNamespace();
    }

    @Override
    public List<Stage> stages() {
        TmpfsRestore restore = new TmpfsRestore();
        last = restore;
        return edit.apply(List.of(new TmpfsValidate(restore), new TmpfsPreCreateNamespaces(restore),
                new TmpfsPopulateTree(restore), new TmpfsAssemble(restore), new TmpfsRestoreSharingGroups(restore),
                new TmpfsRemountReadOnly(restore), new TmpfsCleanupDeletedSources(restore)));
    }

    /** The state of the last restore's stages. */
    public TmpfsRestore last() {
        return last;
    }
}
