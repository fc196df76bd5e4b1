package dev.mountflow.mountinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.RawString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MountInfoParserTests {

    @Test
    void readsTheHostOfThisMachine() {
        List<MountInfoEntry> entries = MountInfoFixtures.parse("host-debian12-kernel6.18.mountinfo");

        assertThat(entries).hasSize(20);
        assertThat(MountInfoFixtures.entry(entries, 27)).isEqualTo(new MountInfoEntry(27, 1, new DeviceId(254, 0),
                RawString.SLASH, RawString.SLASH, "rw,relatime", List.of(), "ext4", RawString.of("/dev/vda"),
                words("rw", "discard", "resv_strict", "resuid=65534", "resgid=65534")));
        assertThat(entries.get(0).mountpoint()).isEqualTo(RawString.of("/proc"));
        assertThat(entries.get(19).fstype()).isEqualTo("cgroup2");
    }

    @Test
    void readsPeerGroupsSlavesAndUnbindableMounts() {
        List<MountInfoEntry> entries = MountInfoFixtures.parse("propagation.mountinfo");

        assertThat(entries).extracting(MountInfoEntry::mountId, e -> e.mountpoint().utf8(), MountInfoEntry::sharedId,
                        MountInfoEntry::masterId, MountInfoEntry::isUnbindable)
                .contains(
                        tuple(64, "/srv/origin", 1, 0, false),
                        tuple(65, "/srv/peer", 1, 0, false),
                        tuple(66, "/srv/slave", 0, 1, false),
                        tuple(67, "/srv/shared-slave", 2, 1, false),
                        tuple(68, "/srv/slave-of-slave", 0, 2, false),
                        tuple(69, "/srv/unbindable", 0, 0, true));
        assertThat(MountInfoFixtures.entry(entries, 67).optionalFields()).containsExactly("shared:2", "master:1");
    }

    @Test
    void readsStackedMountsBottomFirst() {
        List<MountInfoEntry> entries = MountInfoFixtures.parse("propagation.mountinfo");

        MountInfoEntry lower = MountInfoFixtures.entry(entries, 70);
        MountInfoEntry upper = MountInfoFixtures.entry(entries, 71);
        assertThat(upper.parentId()).isEqualTo(lower.mountId());
        assertThat(upper.mountpoint()).isEqualTo(lower.mountpoint());
        assertThat(upper.superOptions()).isEqualTo(RawString.of("rw,size=2048k"));
    }

    @Test
    void readsPropagateFromOfASlaveWhoseMasterIsOutsideTheRoot() {
        MountInfoEntry slave = MountInfoFixtures.entry(MountInfoFixtures.parse("propagate-from-chroot.mountinfo"), 68);

        assertThat(slave.optionalFields()).containsExactly("master:2", "propagate_from:1");
        assertThat(slave.masterId()).isEqualTo(2);
        assertThat(slave.propagateFrom()).isEqualTo(1);
        assertThat(slave.mountpoint()).isEqualTo(RawString.of("/slave"));
    }

    @Test
    void readsDeletedAndReadOnlyBinds() {
        List<MountInfoEntry> entries = MountInfoFixtures.parse("deleted-and-ro-binds.mountinfo");

        assertThat(MountInfoFixtures.entry(entries, 65).mountOptions()).isEqualTo("ro,relatime");
        assertThat(MountInfoFixtures.entry(entries, 66).root()).isEqualTo(RawString.of("/sub"));
        assertThat(MountInfoFixtures.entry(entries, 67).root()).isEqualTo(RawString.of("/file"));
        assertThat(MountInfoFixtures.entry(entries, 68).root()).isEqualTo(RawString.of("/src dir//deleted"));
        assertThat(MountInfoFixtures.entry(entries, 69).root()).isEqualTo(RawString.of("/gone-file//deleted"));
    }

    @Test
    void decodesEveryEscapedByteAndKeepsOtherBytesRaw() {
        List<MountInfoEntry> entries = MountInfoFixtures.parse("hard-paths.mountinfo");

        assertThat(MountInfoFixtures.entry(entries, 64).mountpoint()).isEqualTo(RawString.of("/srv/with space"));
        assertThat(MountInfoFixtures.entry(entries, 64).source()).isEqualTo(RawString.of("src with space"));
        assertThat(MountInfoFixtures.entry(entries, 65).mountpoint()).isEqualTo(RawString.of("/srv/with\ttab"));
        assertThat(MountInfoFixtures.entry(entries, 65).source()).isEqualTo(RawString.of("src\twith\ttab"));
        assertThat(MountInfoFixtures.entry(entries, 66).mountpoint()).isEqualTo(RawString.of("/srv/with\nnewline"));
        assertThat(MountInfoFixtures.entry(entries, 66).source()).isEqualTo(RawString.of("src\nwith\nnewline"));
        assertThat(MountInfoFixtures.entry(entries, 67).mountpoint()).isEqualTo(RawString.of("/srv/with\\backslash"));
        assertThat(MountInfoFixtures.entry(entries, 67).source()).isEqualTo(RawString.of("src\\with\\backslash"));
        assertThat(MountInfoFixtures.entry(entries, 68).mountpoint().toByteArray())
                .isEqualTo(bytes("/srv/bad", 0xff, "byte"));
        assertThat(MountInfoFixtures.entry(entries, 68).source().toByteArray()).isEqualTo(bytes("src", 0xff, "bad"));
        assertThat(MountInfoFixtures.entry(entries, 69).mountpoint()).isEqualTo(RawString.of("/srv/grüße"));
        assertThat(MountInfoFixtures.entry(entries, 71).source()).isEqualTo(RawString.of("#hash#source"));
    }

    @Test
    void readsAnEmptySource() {
        MountInfoEntry entry = MountInfoFixtures.entry(MountInfoFixtures.parse("hard-paths.mountinfo"), 70);

        assertThat(entry.source()).isEqualTo(RawString.EMPTY);
        assertThat(entry.fstype()).isEqualTo("tmpfs");
        assertThat(entry.superOptionWords()).containsExactly(RawString.of("rw"));
    }

    @Test
    void keepsAnEscapedCommaInsideItsSuperblockOptionWord() {
        MountInfoEntry overlay = MountInfoFixtures.entry(MountInfoFixtures.parse("hard-paths.mountinfo"), 75);

        assertThat(overlay.source()).isEqualTo(RawString.of("overlay#1"));
        assertThat(overlay.superOptionWords()).containsExactly(RawString.of("rw"),
                RawString.of("lowerdir=/srv/low er:/srv/lo\\,w"), RawString.of("upperdir=/srv/up"),
                RawString.of("workdir=/srv/work"), RawString.of("uuid=on"));
    }

    @Test
    void readsAPivotedRootWhoseParentIsNotListed() {
        List<MountInfoEntry> entries = MountInfoFixtures.parse("container-layout.mountinfo");

        MountInfoEntry root = entries.get(0);
        assertThat(root.mountpoint()).isEqualTo(RawString.SLASH);
        assertThat(entries).noneMatch(e -> e.mountId() == root.parentId());
        assertThat(entries).extracting(e -> e.mountpoint().utf8()).containsExactly("/", "/proc", "/sys",
                "/sys/fs/cgroup", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/usr", "/etc/hostname", "/tmp");
        assertThat(MountInfoFixtures.entry(entries, 73).root()).isEqualTo(RawString.of("/hostname"));
    }

    @Test
    void acceptsAMissingFinalNewline() throws IOException {
        assertThat(parse("1 0 0:1 / / rw - rootfs rootfs rw\n2 1 0:2 / /x rw - tmpfs t rw"))
                .extracting(MountInfoEntry::mountId).containsExactly(1, 2);
    }

    @Test
    void readsNothingAsNoEntries() throws IOException {
        assertThat(parse("")).isEmpty();
    }

    @Test
    void decodesAnyOctalEscapeNotOnlyTheOnesTheKernelWrites() throws IOException {
        MountInfoEntry entry = parse("1 0 0:1 /\\101\\000\\377 /m\\043 rw - t\\171pe s rw,a\\054b\n").get(0);

        assertThat(entry.root().toByteArray()).isEqualTo(bytes("/A", 0, "", 0xff, ""));
        assertThat(entry.mountpoint()).isEqualTo(RawString.of("/m#"));
        assertThat(entry.fstype()).isEqualTo("type");
        assertThat(entry.superOptionWords()).containsExactly(RawString.of("rw"), RawString.of("a,b"));
    }

    @Test
    void keepsUnknownOptionalFieldsInTheirOrder() throws IOException {
        MountInfoEntry entry = parse("1 0 0:1 / / rw future:7 shared:4 later - tmpfs t rw\n").get(0);

        assertThat(entry.optionalFields()).containsExactly("future:7", "shared:4", "later");
        assertThat(entry.sharedId()).isEqualTo(4);
    }

    @Test
    void keepsARawSpaceInTheLastField() throws IOException {
        MountInfoEntry entry = parse("1 0 0:1 / / rw - fuse.x s rw,name=a b\n").get(0);

        assertThat(entry.superOptions()).isEqualTo(RawString.of("rw,name=a b"));
    }

    @Test
    void readsLinesLongerThanItsBufferAndInputThatArrivesByteByByte() throws IOException {
        String longPath = "/" + "d".repeat(300_000);
        String text = "1 0 0:1 / / rw - rootfs rootfs rw\n2 1 0:2 / " + longPath + " rw - tmpfs t rw\n"
                + "3 1 0:3 / /short rw - tmpfs t rw\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        List<MountInfoEntry> whole = MountInfoParser.parse(new ByteArrayInputStream(bytes));
        List<MountInfoEntry> trickled = MountInfoParser.parse(new OneByteAtATime(bytes));

        assertThat(whole.get(1).mountpoint()).isEqualTo(RawString.of(longPath));
        assertThat(whole).extracting(MountInfoEntry::mountId).containsExactly(1, 2, 3);
        assertThat(trickled).isEqualTo(whole);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedLines")
    void rejectsMalformedInputNamingLineFieldAndReason(byte[] input, String message) {
        assertThatThrownBy(() -> MountInfoParser.parse(new ByteArrayInputStream(input)))
                .isInstanceOf(MountInfoFormatException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> malformedLines() {
        String good = "1 0 0:1 / / rw - rootfs rootfs rw\n2 1 0:2 / /a rw - tmpfs t rw\n";
        return Stream.of(
                malformed(good + "3 x 0:3 / /b rw - tmpfs t rw\n",
                        "mountinfo line 3: field 'parent id': 'x' is not a number"),
                malformed("-1 0 0:1 / / rw - tmpfs t rw",
                        "mountinfo line 1: field 'mount id': '-1' is not a number"),
                malformed("4294967296 0 0:1 / / rw - tmpfs t rw",
                        "mountinfo line 1: field 'mount id': '4294967296' is out of range"),
                malformed(good + "\n" + good,
                        "mountinfo line 3: the line is empty"),
                malformed("1 0 0:1 / / rw - tmpfs t rw\n\n",
                        "mountinfo line 2: the line is empty"),
                malformed("1 0 8 / / rw - tmpfs t rw",
                        "mountinfo line 1: field 'major:minor': '8' is not major:minor"),
                malformed("1 0 8: / / rw - tmpfs t rw",
                        "mountinfo line 1: field 'major:minor': '8:' is not major:minor"),
                malformed("1 0 4096:0 / / rw - tmpfs t rw",
                        "mountinfo line 1: field 'major:minor': '4096:0' is out of range"),
                malformed("1 0 0:1",
                        "mountinfo line 1: field 'root': missing"),
                malformed("1 0 0:1  / rw - tmpfs t rw",
                        "mountinfo line 1: field 'root': empty"),
                malformed("1 0 0:1 /x\\9ab / rw - tmpfs t rw",
                        "mountinfo line 1: field 'root': '\\9ab' is not an octal escape (\\000 to \\377)"),
                malformed("1 0 0:1 / /a\\04 rw - tmpfs t rw",
                        "mountinfo line 1: field 'mount point': '\\04' is not an octal escape (\\000 to \\377)"),
                malformed("1 0 0:1 / / rw - tmpfs t\\400 rw",
                        "mountinfo line 1: field 'mount source': '\\400' is not an octal escape (\\000 to \\377)"),
                malformed("1 0 0:1 / / rw - tmpfs t rw,a=\\",
                        "mountinfo line 1: field 'super options': '\\' is not an octal escape (\\000 to \\377)"),
                malformed("1 0 0:1 / /",
                        "mountinfo line 1: field 'mount options': missing"),
                malformed(join("1 0 0:1 / / rw,", bytes("", 0xff, ""), " - tmpfs t rw"),
                        "mountinfo line 1: field 'mount options': 'rw,\\xff' is not UTF-8"),
                malformed("1 0 0:1 / / rw shared:1 tmpfs t rw",
                        "mountinfo line 1: field 'separator': missing"),
                malformed("1 0 0:1 / / rw shared:x - tmpfs t rw",
                        "mountinfo line 1: field 'optional fields': 'shared:x' needs a positive peer group number"),
                malformed("1 0 0:1 / / rw master:0 - tmpfs t rw",
                        "mountinfo line 1: field 'optional fields': 'master:0' needs a positive peer group number"),
                malformed("1 0 0:1 / / rw master:2 master:3 - tmpfs t rw",
                        "mountinfo line 1: field 'optional fields': 'master:3' repeats 'master:2'"),
                malformed("1 0 0:1 / / rw shared:1  - tmpfs t rw",
                        "mountinfo line 1: field 'optional fields': empty"),
                malformed("1 0 0:1 / / rw -",
                        "mountinfo line 1: field 'filesystem type': missing"),
                malformed(join("1 0 0:1 / / rw - fuse.", bytes("", 0xc3, ""), " t rw"),
                        "mountinfo line 1: field 'filesystem type': 'fuse.\\xc3' is not UTF-8"),
                malformed("1 0 0:1 / / rw - tmpfs",
                        "mountinfo line 1: field 'mount source': missing"),
                malformed("1 0 0:1 / / rw - tmpfs t",
                        "mountinfo line 1: field 'super options': missing"),
                malformed("1 0 0:1 / / rw - tmpfs t ",
                        "mountinfo line 1: field 'super options': empty"));
    }

    private static Arguments malformed(String input, String message) {
        return malformed(input.getBytes(StandardCharsets.UTF_8), message);
    }

    private static Arguments malformed(byte[] input, String message) {
        return Arguments.of(input, message);
    }

    private static List<MountInfoEntry> parse(String text) throws IOException {
        return MountInfoParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<RawString> words(String... words) {
        return Stream.of(words).map(RawString::of).toList();
    }

    /** Strings as UTF-8, integers as one raw byte each, byte arrays as they are. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else if (part instanceof byte[] raw) {
                out.writeBytes(raw);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static byte[] join(String head, byte[] middle, String tail) {
        return bytes(head, middle, tail);
    }

    /** A stream that hands out a single byte per read, as a slow pipe may. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int next;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
