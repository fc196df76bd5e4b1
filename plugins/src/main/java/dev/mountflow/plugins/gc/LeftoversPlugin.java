package dev.mountflow.plugins.gc;

import dev.mountflow.plugin.GcContext;
import dev.mountflow.plugin.Leftover;
import dev.mountflow.plugin.PipelinePlugin;
import dev.mountflow.plugin.PluginCommand;
import dev.mountflow.plugin.PluginOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code mountflow gc} removes of mountflow's own leftovers: namespaces pinned in
 * {@code --ns-dir} and pin files a killed restore made but never pinned on; files a killed dump
 * was still writing in {@code -D}; and link remaps, paths a restore recreated in host content
 * ({@code --root DIR}) for the image's deleted mounts and was killed before removing.
 */
public final class LeftoversPlugin implements PipelinePlugin {
    public static final String ID = "gc";
    static final String ROOT = "--root";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "finds what interrupted dumps and restores left: namespace pins, unfinished image files, link remaps";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(PluginOption.value(PluginCommand.GC, ROOT, "DIR",
                "The --root a restore of the image in -D was given: look there for link remaps."));
    }

    @Override
    public List<Leftover> leftovers(GcContext context) throws Exception {
        List<Leftover> out = new ArrayList<>();
        if (context.nsDir().isPresent()) {
            out.addAll(new PinLeftovers(context.kernel()).find(context.nsDir().get()));
        }
        if (context.imageDir().isPresent()) {
            out.addAll(new UnfinishedImageFiles().find(context.imageDir().get()));
        }
        if (context.image().isPresent() && context.options().value(ROOT).isPresent()) {
            out.addAll(new LinkRemapLeftovers(context.kernel())
                    .find(context.image().get(), Path.of(context.options().value(ROOT).get())));
        }
        return out;
    }
}
