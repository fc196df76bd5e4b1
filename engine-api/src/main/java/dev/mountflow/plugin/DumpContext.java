package dev.mountflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mountflow.model.MountImage;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.ThrowingCallable;
import java.io.IOException;
import java.io.OutputStream;

/** What a plugin's dump hooks see and may add to the image. */
public interface DumpContext {
    /** The body of a file written into the image directory. */
    @FunctionalInterface
    interface FileBody {
        void writeTo(OutputStream out) throws Exception;
    }

    String pluginId();

    PluginOptions options();

    /** The process whose namespace is the image's root namespace. */
    long pid();

    /** The image: as captured in an {@link DumpHooks.ImageAdjuster}, as it will be written in a {@link DumpHooks.DumpHook}. */
    MountImage image();

    Kernel kernel();

    /**
     * Runs {@code task} on a thread in the live namespace of image namespace {@code namespaceId}
     * (path lookups, open_tree and mountinfo there), or, when that is this process's own
     * namespace, on the calling thread. The task must not mount or unmount anything.
     */
    <T> T inNamespace(int namespaceId, ThrowingCallable<T, Exception> task) throws Exception;

    /**
     * Writes {@code name} into the image directory under a temporary name, then renames it, before
     * the manifest; the name is letters, digits, {@code .}, {@code _} and {@code -}, not hidden,
     * not the manifest's nor a {@code mountpoints-*.img}.
     */
    void writeFile(String name, FileBody body) throws IOException;

    /** Sets this plugin's member of the manifest's {@code pluginData}. */
    void putData(JsonNode data);

    void log(String message);
}
