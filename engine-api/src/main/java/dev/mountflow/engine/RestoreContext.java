package dev.mountflow.engine;

import dev.mountflow.model.MountImage;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.Namespaces;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a stage may use during one restore: the image, the request, the kernel (the
 * runner's counting/fault-injecting view of it), namespace threads, the rollback stack, and the
 * list of restored namespaces an engine hands to {@code verify} and {@code publish}.
 */
public final class RestoreContext {
    private final MountImage image;
    private final RestoreRequest request;
    private final Kernel kernel;
    private final Namespaces namespaces;
    private final Rollback rollback = new Rollback();
    private final List<RestoredNamespace> restored = new ArrayList<>();
    private final Consumer<String> log;

    public RestoreContext(MountImage image, RestoreRequest request, Kernel kernel, Namespaces namespaces, Consumer<String> log) {
        this.image = image;
        this.request = request;
        this.kernel = kernel;
        this.namespaces = namespaces;
        this.log = log;
    }

    public MountImage image() {
        return image;
    }

    public RestoreRequest request() {
        return request;
    }

    public Kernel kernel() {
        return kernel;
    }

    public Namespaces namespaces() {
        return namespaces;
    }

    public Rollback rollback() {
        return rollback;
    }

    /** Records that image namespace {@code id} now lives in {@code ns}; once per namespace. */
    public synchronized void restored(RestoredNamespace ns) {
        for (RestoredNamespace r : restored) {
            if (r.imageNamespaceId() == ns.imageNamespaceId()) {
                throw new IllegalStateException("namespace " + ns.imageNamespaceId() + " was restored twice");
            }
        }
        restored.add(ns);
    }

    /** The restored namespaces, in the order the engine reported them. */
    public synchronized List<RestoredNamespace> restored() {
        return Collections.unmodifiableList(new ArrayList<>(restored));
    }

    public void log(String message) {
        log.accept(message);
    }
}
