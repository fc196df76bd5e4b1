package dev.mountflow.mountinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.RawString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MountInfoFormatterTests {

    @ParameterizedTest
    @MethodSource("dev.mountflow.mountinfo.MountInfoFixtures#names")
    void writesBackWhatTheKernelWroteByteForByte(String fixture) throws IOException {
        byte[] original = MountInfoFixtures.bytes(fixture);

        assertThat(format(MountInfoFixtures.parse(fixture))).isEqualTo(original);
    }

    @ParameterizedTest
    @MethodSource("dev.mountflow.mountinfo.MountInfoFixtures#names")
    void parsingWhatItWroteGivesTheSameEntries(String fixture) throws IOException {
        List<MountInfoEntry> entries = MountInfoFixtures.parse(fixture);

        assertThat(MountInfoParser.parse(new ByteArrayInputStream(format(entries)))).isEqualTo(entries);
    }

    @Test
    void escapesSpaceTabNewlineAndBackslashInPathsAndTypeButNotHash() {
        MountInfoEntry entry = entry(RawString.of("/a b\tc"), RawString.of("/x\ny\\z#"), "fuse.my fs",
                RawString.of("src"), List.of(RawString.of("rw")));

        assertThat(line(entry)).isEqualTo(
                "7 1 0:42 /a\\040b\\011c /x\\012y\\134z# rw,relatime - fuse.my\\040fs src rw\n");
    }

    @Test
    void escapesHashInTheSourceOnly() {
        MountInfoEntry entry = entry(RawString.of("/#"), RawString.of("/m#"), "tmpfs",
                RawString.of("#a b\\"), List.of(RawString.of("rw"), RawString.of("x=#")));

        assertThat(line(entry)).isEqualTo("7 1 0:42 /# /m# rw,relatime - tmpfs \\043a\\040b\\134 rw,x=#\n");
    }

    @Test
    void escapesCommasInsideOptionWordsButNotBetweenThem() {
        MountInfoEntry entry = entry(RawString.SLASH, RawString.of("/ov"), "overlay", RawString.of("overlay"),
                List.of(RawString.of("rw"), RawString.of("lowerdir=/a,b:/c d"), RawString.of("uuid=on")));

        assertThat(line(entry)).isEqualTo(
                "7 1 0:42 / /ov rw,relatime - overlay overlay rw,lowerdir=/a\\054b:/c\\040d,uuid=on\n");
    }

    @Test
    void writesAnEmptySourceAsAnEmptyField() {
        MountInfoEntry entry = entry(RawString.SLASH, RawString.of("/e"), "tmpfs", RawString.EMPTY,
                List.of(RawString.of("rw")));

        assertThat(line(entry)).isEqualTo("7 1 0:42 / /e rw,relatime - tmpfs  rw\n");
    }

    @Test
    void writesBytesThatAreNotUtf8Unchanged() {
        RawString mountpoint = RawString.of(new byte[] {'/', 'b', (byte) 0xff, (byte) 0x80});
        MountInfoEntry entry = entry(RawString.SLASH, mountpoint, "tmpfs", RawString.of("t"),
                List.of(RawString.of("rw")));

        byte[] expected = concat("7 1 0:42 / /b", new byte[] {(byte) 0xff, (byte) 0x80},
                " rw,relatime - tmpfs t rw\n");
        assertThat(MountInfoFormatter.formatLine(entry)).isEqualTo(expected);
    }

    @Test
    void writesOptionalFieldsInTheirOrder() {
        MountInfoEntry entry = new MountInfoEntry(7, 1, new DeviceId(0, 42), RawString.SLASH, RawString.of("/p"),
                "ro,nosuid", List.of("shared:3", "master:1", "propagate_from:2", "unbindable", "future:9"),
                "tmpfs", RawString.of("t"), RawString.of("ro,size=4k"));

        assertThat(line(entry)).isEqualTo(
                "7 1 0:42 / /p ro,nosuid shared:3 master:1 propagate_from:2 unbindable future:9"
                        + " - tmpfs t ro,size=4k\n");
    }

    @Test
    void formatsManyEntriesAsTheirLinesInOrder() throws IOException {
        List<MountInfoEntry> entries = new ArrayList<>();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        // Enough lines to fill the formatter's buffer several times.
        for (int id = 1; id <= 5000; id++) {
            MountInfoEntry entry = new MountInfoEntry(id, 1, new DeviceId(0, id), RawString.SLASH,
                    RawString.of("/mount number " + id), "rw", List.of(), "tmpfs", RawString.of("t"),
                    RawString.of("rw"));
            entries.add(entry);
            expected.writeBytes(MountInfoFormatter.formatLine(entry));
        }

        assertThat(format(entries)).isEqualTo(expected.toByteArray());
    }

    @Test
    void formatsNothingAsNothing() throws IOException {
        assertThat(format(List.of())).isEmpty();
    }

    private static MountInfoEntry entry(RawString root, RawString mountpoint, String fstype, RawString source,
            List<RawString> superOptionWords) {
        return new MountInfoEntry(7, 1, new DeviceId(0, 42), root, mountpoint, "rw,relatime", List.of(), fstype,
                source, superOptionWords);
    }

    private static String line(MountInfoEntry entry) {
        return new String(MountInfoFormatter.formatLine(entry), StandardCharsets.UTF_8);
    }

    private static byte[] format(List<MountInfoEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MountInfoFormatter.format(entries, out);
        return out.toByteArray();
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
