package dev.mountflow.propertytests;

import static dev.mountflow.propertytests.MountSources.mountForests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.mountinfo.MountInfoFormatter;
import dev.mountflow.mountinfo.MountInfoParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * mountinfo text and the model agree on every generated table, whatever bytes its paths, sources
 * and options hold: formatting then parsing gives the same entries, parsing then formatting the
 * same bytes, and a mount survives the trip through its line.
 */
class MountInfoProperties {
    static final int EXAMPLES = 400;
    static final int SHRINKS = 30_000;

    @Test
    void formattedTablesParseBackToTheSameEntriesAndBytes() {
        PropertyBudget.qt(EXAMPLES, SHRINKS).forAll(mountForests()).checkAssert(image -> {
            for (MountNamespace ns : image.namespaces()) {
                List<MountInfoEntry> entries = ns.mounts().stream().map(MountInfoEntry::fromMount).toList();
                byte[] text = format(entries);
                List<MountInfoEntry> parsed = parse(text);
                assertThat(parsed).as("namespace %d parsed back", ns.id()).isEqualTo(entries);
                assertThat(format(parsed)).as("namespace %d formatted again", ns.id()).isEqualTo(text);
            }
        });
    }

    @Test
    void everyMountSurvivesItsMountinfoLine() {
        PropertyBudget.qt(EXAMPLES, SHRINKS).forAll(mountForests()).checkAssert(image -> {
            for (MountNamespace ns : image.namespaces()) {
                for (Mount m : ns.mounts()) {
                    Mount expected = m.withExternalKey(null);
                    MountInfoEntry line = parse(MountInfoFormatter.formatLine(MountInfoEntry.fromMount(m))).get(0);
                    assertThat(line.toMount()).as("mount %d", m.id()).isEqualTo(expected);
                }
            }
        });
    }

    private static byte[] format(List<MountInfoEntry> entries) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MountInfoFormatter.format(entries, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<MountInfoEntry> parse(byte[] text) {
        try {
            return MountInfoParser.parse(new ByteArrayInputStream(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
