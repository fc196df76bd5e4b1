package dev.mountflow.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Just enough of one mountinfo line for the feature probe to read its own work back:
 * {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw}. Mountpoints stay in
 * mountinfo's escaped form ({@code \040} for a space), which is fine for the plain paths compared
 * here; reading real tables is the model's mountinfo parser's job.
 *
 * @param mountId field 1
 * @param parentId field 2
 * @param mountpoint field 5, escaped
 * @param mountOptions field 6, the per-mount options
 * @param optionalFields the tagged fields between 6 and the {@code -} ({@code shared:N}, {@code master:N})
 * @param fstype the first field after the {@code -}
 * @param source the second field after the {@code -}, escaped
 * @param superOptions the last field, the superblock options
 */
record MountTableLine(int mountId, int parentId, String mountpoint, String mountOptions,
                      List<String> optionalFields, String fstype, String source, String superOptions) {

    static MountTableLine parse(String line) {
        String[] f = line.split(" ");
        int dash = Arrays.asList(f).indexOf("-");
        if (dash < 6 || f.length != dash + 4) {
            throw new IllegalArgumentException("not a mountinfo line: '" + line + "'");
        }
        return new MountTableLine(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[4], f[5],
                List.of(Arrays.copyOfRange(f, 6, dash)), f[dash + 1], f[dash + 2], f[dash + 3]);
    }

    /** Reads a table as Latin-1, which maps every byte to one char: names need not be UTF-8. */
    static List<MountTableLine> read(Path mountinfo) {
        try {
            List<MountTableLine> out = new ArrayList<>();
            for (String line : Files.readAllLines(mountinfo, StandardCharsets.ISO_8859_1)) {
                out.add(parse(line));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The mount on top at {@code mountpoint}: the one no other mount there sits on. Not simply
     * the last line: mountinfo lists mounts in creation order, and MOVE_MOUNT_BENEATH slides a
     * newer mount under an older one.
     */
    static Optional<MountTableLine> top(List<MountTableLine> table, String mountpoint) {
        List<MountTableLine> stack = table.stream().filter(l -> l.mountpoint.equals(mountpoint)).toList();
        return stack.stream()
                .filter(l -> stack.stream().noneMatch(above -> above.parentId == l.mountId))
                .findFirst();
    }

    /** The N of {@code shared:N}, if the mount is in a peer group. */
    Optional<Integer> peerGroup() {
        return optionalFields.stream().filter(t -> t.startsWith("shared:"))
                .map(t -> Integer.parseInt(t.substring("shared:".length()))).findFirst();
    }

    boolean hasMountOption(String option) {
        return Arrays.asList(mountOptions.split(",")).contains(option);
    }
}
