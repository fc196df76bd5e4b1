package dev.mountflow.plugins.gc;

import dev.mountflow.image.ImageDirectory;
import dev.mountflow.plugin.Leftover;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Files a dump was still writing when it was interrupted: each file of an image is written under
 * {@link ImageDirectory#temporaryName} and renamed when complete, so such a name is never part of
 * a finished image.
 */
final class UnfinishedImageFiles {
    List<Leftover> find(Path dir) throws IOException {
        TreeSet<Path> found = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                String target = name.substring(1, name.length() - ".tmp".length());
                boolean ours = target.equals("mountflow.json") || target.matches("mountpoints-[0-9]+\\.img")
                        || ImageDirectory.isPluginFileName(target);
                if (ours && name.equals(ImageDirectory.temporaryName(target))
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(p);
                }
            }
        }
        List<Leftover> out = new ArrayList<>();
        for (Path p : found) {
            out.add(new Leftover("unfinished image file", "'" + p + "'", () -> Files.deleteIfExists(p)));
        }
        return out;
    }
}
