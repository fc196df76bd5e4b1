package dev.mountflow.plugins.external;

import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.engine.StageIds;
import dev.mountflow.error.InputException;
import dev.mountflow.plugin.DumpHooks;
import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.plugin.PluginOption;
import dev.mountflow.plugin.RestoreHooks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * External mounts: content that comes from the host at restore. {@code dump --external
 * mnt[MOUNTPOINT]:KEY} marks the mount external in the image; {@code restore --external
 * mnt[KEY]:PATH} gives the engine PATH to bind there. Every key of the image must be mapped, and
 * every mapping used, before anything is mounted. An external mount that was a slave of a host
 * mount is restored as a slave of the host mount holding PATH (see {@link HostMasters}).
 */
public final class ExternalMountsPlugin implements PipelinePlugin {
    public static final String ID = "external-mounts";
    static final String OPTION = "--external";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "mounts whose content comes from the host: marked at dump, bound from a mapped path at restore";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(
                PluginOption.values(PluginCommand.DUMP, OPTION, "mnt[MOUNTPOINT]:KEY",
                        "Mark the mount at MOUNTPOINT external: restore binds the host path mapped to KEY there."),
                PluginOption.values(PluginCommand.RESTORE, OPTION, "mnt[KEY]:PATH",
                        "The host path for the image's external mount KEY."));
    }

    @Override
    public DumpHooks dumpHooks() {
        return DumpHooks.builder()
                .image((context, image) -> new ExternalMarker().mark(image,
                        context.options().values(OPTION).stream().map(ExternalMountSpec::parse).toList()))
                .build();
    }

    @Override
    public RestoreHooks restoreHooks() {
        AtomicReference<List<ExternalMasters.Slave>> slaves = new AtomicReference<>(List.of());
        return RestoreHooks.builder()
                .request((context, request) -> withMappings(request, context.options().values(OPTION)))
                .engineImage((context, image) -> ExternalMasters.withoutOutsideMasters(image))
                .before(StageIds.VALIDATE, context -> {
                    RestoreRequest request = context.restore().request();
                    new ExternalKeysCheck().check(context.image(), request);
                    slaves.set(ExternalMasters.plan(context.image(), request.externals(), context.restore().kernel()));
                })
                .after(StageIds.RESTORE_SHARING_GROUPS, context -> new HostMasters().attach(context.restore(), slaves.get()))
                .build();
    }

    private static RestoreRequest withMappings(RestoreRequest request, List<String> given) {
        if (given.isEmpty()) {
            return request;
        }
        Map<String, Path> externals = new LinkedHashMap<>(request.externals());
        for (Map.Entry<String, Path> e : ExternalMapping.parseAll(given).entrySet()) {
            if (externals.put(e.getKey(), e.getValue()) != null) {
                throw new InputException("--external mnt[" + e.getKey() + "] is given twice");
            }
        }
        return new RestoreRequest(request.root(), externals, request.createMountpoints());
    }
}
