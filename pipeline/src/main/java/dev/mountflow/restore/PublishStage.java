package dev.mountflow.restore;

import dev.mountflow.pin.NamespacePins;
import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoredNamespace;
import dev.mountflow.engine.Stage;
import dev.mountflow.engine.StageIds;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Leaves what the user asked for: the namespaces pinned as files, or a command run inside the
 * root namespace to its end; or nothing, and the namespaces go when the result is closed.
 */
final class PublishStage implements Stage {
    static final String LEAVES_BEHIND = "what the user asked for: namespace files pinned, or a command run inside";

    private final Publication publication;
    private final NamespacePins pins;
    private final CommandLauncher launcher = new CommandLauncher();
    private final List<Path> pinned = new ArrayList<>();
    private Integer exitStatus;

    PublishStage(Publication publication, NamespacePins pins) {
        this.publication = publication;
        this.pins = pins;
    }

    @Override
    public String id() {
        return StageIds.PUBLISH;
    }

    @Override
    public String leavesBehind() {
        return LEAVES_BEHIND;
    }

    /** Refuses, before anything is restored, what this stage could not do. */
    void preflight(MountImage image) {
        if (publication instanceof Publication.PinIn pin) {
            pins.requireFree(pin.dir(), image.namespaces().stream().map(MountNamespace::id).toList());
        }
    }

    @Override
    public void run(RestoreContext context) throws Exception {
        if (publication instanceof Publication.PinIn pin) {
            List<RestoredNamespace> byId = new ArrayList<>(context.restored());
            byId.sort(Comparator.comparingInt(RestoredNamespace::imageNamespaceId));
            for (RestoredNamespace ns : byId) {
                pinned.add(pins.pin(pin.dir(), ns.imageNamespaceId(), ns.thread(), context.rollback()));
            }
        } else if (publication instanceof Publication.Exec exec) {
            exitStatus = launcher.run(root(context).thread(), exec.command());
        }
    }

    List<Path> pinned() {
        return pinned;
    }

    Integer exitStatus() {
        return exitStatus;
    }

    private static RestoredNamespace root(RestoreContext context) {
        int id = context.image().rootNamespaceId();
        return context.restored().stream().filter(ns -> ns.imageNamespaceId() == id).findFirst()
                .orElseThrow(() -> new IllegalStateException("the engine did not report root namespace " + id + " as restored"));
    }
}
