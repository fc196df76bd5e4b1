package dev.mountflow.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.error.InputException;
import dev.mountflow.image.ImageDirectory;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.plugin.DumpContext;
import dev.mountflow.plugin.DumpHooks;
import dev.mountflow.plugin.PluginException;
import dev.mountflow.plugin.PluginInputException;
import dev.mountflow.plugin.PluginOptions;
import dev.mountflow.pluginset.ActivePlugin;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.NamespaceExecutor;
import dev.mountflow.spi.Namespaces;
import dev.mountflow.spi.ThrowingCallable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The plugins of one dump: their hooks, made once, and the namespace threads their tasks run on,
 * joined on first use and ended with the dump. Whatever a plugin throws names it.
 */
final class DumpPlugins implements AutoCloseable {
    private final List<ActivePlugin> plugins;
    private final List<DumpHooks> hooks = new ArrayList<>();
    private final Kernel kernel;
    private final Namespaces namespaces;
    private final long pid;
    private final Consumer<String> log;
    private final Map<Integer, NamespaceExecutor> threads = new HashMap<>();
    private final Map<Integer, Boolean> own = new HashMap<>();
    private MountImage image;

    DumpPlugins(List<ActivePlugin> plugins, Kernel kernel, Namespaces namespaces, long pid, Consumer<String> log) {
        this.plugins = plugins;
        this.kernel = kernel;
        this.namespaces = namespaces;
        this.pid = pid;
        this.log = log;
        for (ActivePlugin p : plugins) {
            try {
                hooks.add(p.plugin().dumpHooks());
            } catch (RuntimeException e) {
                throw new PluginException(p.id(), "failed making its dump hooks", e);
            }
        }
    }

    /** The captured image after every plugin's image adjusters. */
    MountImage adjust(MountImage captured) {
        image = captured;
        for (int i = 0; i < plugins.size(); i++) {
            Context context = new Context(plugins.get(i), null);
            for (DumpHooks.ImageAdjuster a : hooks.get(i).imageAdjusters()) {
                image = call(plugins.get(i), "failed adjusting the captured image", () -> a.adjust(context, image));
            }
        }
        return image;
    }

    /** Runs every plugin's writers for the checked {@code checked} into {@code dir}; returns their data. */
    ObjectNode write(MountImage checked, Path dir) {
        image = checked;
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < plugins.size(); i++) {
            ActivePlugin p = plugins.get(i);
            Context context = new Context(p, dir);
            for (DumpHooks.DumpHook w : hooks.get(i).writers()) {
                call(p, "failed writing its part of the image", () -> {
                    w.write(context);
                    return null;
                });
            }
            if (context.data != null) {
                data.set(p.id(), context.data);
            }
        }
        return data;
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T call(ActivePlugin p, String where, Call<T> call) {
        try {
            return call.call();
        } catch (PluginException | PluginInputException e) {
            throw e;
        } catch (InputException e) {
            throw new PluginInputException(p.id(), e);
        } catch (Exception e) {
            throw new PluginException(p.id(), where, e);
        }
    }

    private <T> T inNamespace(int namespaceId, ThrowingCallable<T, Exception> task) throws Exception {
        MountNamespace ns = image.namespace(namespaceId)
                .orElseThrow(() -> new IllegalArgumentException("the image has no namespace " + namespaceId));
        Path file = Path.of("/proc", Long.toString(ns.pid()), "ns", "mnt");
        boolean ours = own.computeIfAbsent(namespaceId, id -> isOwn(file));
        if (ours) {
            return task.call();
        }
        NamespaceExecutor thread = threads.get(namespaceId);
        if (thread == null) {
            thread = namespaces.joining(file);
            threads.put(namespaceId, thread);
        }
        return thread.call(task);
    }

    private static boolean isOwn(Path nsFile) {
        try {
            return Files.readSymbolicLink(nsFile).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")));
        } catch (IOException e) {
            throw new InputException("cannot read '" + nsFile + "': the dumped process may have exited", e);
        }
    }

    @Override
    public void close() {
        threads.values().forEach(NamespaceExecutor::close);
        threads.clear();
    }

    private final class Context implements DumpContext {
        private final ActivePlugin plugin;
        private final Path dir;
        private JsonNode data;

        Context(ActivePlugin plugin, Path dir) {
            this.plugin = plugin;
            this.dir = dir;
        }

        @Override
        public String pluginId() {
            return plugin.id();
        }

        @Override
        public PluginOptions options() {
            return plugin.options();
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public MountImage image() {
            return image;
        }

        @Override
        public Kernel kernel() {
            if (kernel == null) {
                throw new IllegalStateException("this dump was set up without a kernel");
            }
            return kernel;
        }

        @Override
        public <T> T inNamespace(int namespaceId, ThrowingCallable<T, Exception> task) throws Exception {
            return DumpPlugins.this.inNamespace(namespaceId, task);
        }

        @Override
        public void writeFile(String name, FileBody body) throws IOException {
            if (dir == null) {
                throw new IllegalStateException("files are written only while the image is written");
            }
            ImageDirectory.writeFile(dir, name, out -> {
                try {
                    body.writeTo(out);
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
        }

        @Override
        public void putData(JsonNode value) {
            data = value.deepCopy();
        }

        @Override
        public void log(String message) {
            log.accept(plugin.id() + ": " + message);
        }
    }
}
