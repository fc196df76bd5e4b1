package dev.mountflow.image;

import static dev.mountflow.testing.MountBuilder.mount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.mountflow.error.ImageFormatException;
import dev.mountflow.image.proto.MntProto.mnt_entry;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountpointsImageTests {
    private static final String HEADER = "19435654" + "28395655";
    private static final mnt_entry MINIMAL_ENTRY = mnt_entry.newBuilder().setFstype(5).setMntId(21)
            .setRootDev(21).setParentMntId(1).setFlags(0).setRoot("/").setMountpoint("/tmp")
            .setSource("tmpfs").setOptions("").build();

    @Test
    void everyFeatureSurvivesARoundTrip() throws IOException {
        List<Mount> mounts = new ArrayList<>(SampleImages.featureMounts());
        mounts.addAll(SampleImages.nonUtf8Mounts());
        mounts.addAll(SampleImages.everyNamedFsType());

        assertThat(roundTrip(mounts)).containsExactlyElementsOf(mounts);
    }

    @Test
    void anEmptyListIsJustTheHeader() throws IOException {
        assertThat(hex(write(List.of()))).isEqualTo(HEADER);
        assertThat(roundTrip(List.of())).isEmpty();
    }

    @Test
    void headerAndAPlainRecordAreCriusBytes() throws IOException {
        Mount tmp = mount(21, 1, "/tmp").device(0, 21).source("tmpfs")
                .flags(MountFlags.MS_NOSUID | MountFlags.MS_NODEV).options("size=64k").build();

        assertThat(hex(write(List.of(tmp)))).isEqualTo(HEADER
                + "27000000"            // record length 39
                + "0805"                // fstype = 5 (TMPFS)
                + "1015"                // mnt_id = 21
                + "1815"                // root_dev = 0 << 20 | 21
                + "2001"                // parent_mnt_id = 1
                + "2806"                // flags = MS_NOSUID|MS_NODEV
                + "32012f"              // root = "/"
                + "3a042f746d70"        // mountpoint = "/tmp"
                + "4205746d706673"      // source = "tmpfs"
                + "4a0873697a653d36346b" // options = "size=64k"
                + "880100");            // sb_flags = 0
    }

    @Test
    void optionalFieldsAppearOnlyWhenSet() throws IOException {
        Mount data = mount(3, 1, "/d").device(1, 2).fstype("ext4").source("s")
                .superFlags(MountFlags.MS_RDONLY).shared(4).master(5).unbindable().deleted()
                .external("k").build();

        assertThat(hex(write(List.of(data)))).isEqualTo(HEADER
                + "30000000"            // record length 48
                + "0810"                // fstype = 16 (AUTO)
                + "1003"                // mnt_id = 3
                + "18828040"            // root_dev = 1 << 20 | 2
                + "2001"                // parent_mnt_id = 1
                + "28808008"            // flags = MS_UNBINDABLE
                + "32012f"              // root = "/"
                + "3a022f64"            // mountpoint = "/d"
                + "420173"              // source = "s"
                + "4a00"                // options = ""
                + "5004"                // shared_id = 4
                + "5805"                // master_id = 5
                + "6801"                // ext_mount = true
                + "720465787434"        // fsname = "ext4"
                + "800101"              // deleted = true
                + "880101"              // sb_flags = MS_RDONLY
                + "9201016b");          // ext_key = "k"
    }

    @Test
    void nonUtf8BytesAreWrittenVerbatim() throws IOException {
        Mount odd = mount(1, 0, "/").mountpoint(SampleImages.NOT_UTF8_PATH).build();

        assertThat(hex(write(List.of(odd)))).contains("3a052f61fffe62");
    }

    @Test
    void badCommonMagic() {
        assertReadFails("78563412" + "28395655", """
                mountpoints-1.img: bad magic 0x12345678 at offset 0, expected 0x54564319 (IMG_COMMON)""");
    }

    @Test
    void badMntsMagic() {
        assertReadFails("19435654" + "78563412", """
                mountpoints-1.img: bad magic 0x12345678 at offset 4, expected 0x55563928 (MNTS)""");
    }

    @Test
    void emptyFile() {
        assertReadFails("", """
                mountpoints-1.img: truncated magic at offset 0: 0 of 4 bytes, expected 0x54564319 (IMG_COMMON)""");
    }

    @Test
    void truncatedMntsMagic() {
        assertReadFails("19435654" + "2839", """
                mountpoints-1.img: truncated magic at offset 4: 2 of 4 bytes, expected 0x55563928 (MNTS)""");
    }

    @Test
    void truncatedLength() {
        assertReadFails(HEADER + "2700", """
                mountpoints-1.img: record 0 at offset 8: truncated length: 2 of 4 bytes""");
    }

    @Test
    void truncatedSecondRecord() throws IOException {
        String first = hex(write(List.of(mount(21, 1, "/tmp").device(0, 21).build()))).substring(16);

        assertReadFails(HEADER + first + "37000000" + "08051015181520012800", """
                mountpoints-1.img: record 1 at offset 42: truncated: 10 of 55 bytes""");
    }

    @Test
    void oversizedLength() {
        assertReadFails(HEADER + "ffffffff", """
                mountpoints-1.img: record 0 at offset 8: length 4294967295 exceeds the limit of 1048576 bytes""");
    }

    @Test
    void recordMissingRequiredFields() {
        String record = hex(mnt_entry.newBuilder().setFstype(5).setMntId(9).buildPartial().toByteArray());

        assertReadFails(HEADER + "04000000" + record, """
                mountpoints-1.img: record 0 at offset 8: not a mnt_entry: Message missing required fields: \
                root_dev, parent_mnt_id, flags, root, mountpoint, source, options""");
    }

    @Test
    void recordThatIsNotProtobuf() {
        assertReadFails(HEADER + "02000000" + "0fff", """
                mountpoints-1.img: record 0 at offset 8: not a mnt_entry: Protocol message tag had invalid \
                wire type.""");
    }

    @Test
    void externalMountWithoutKey() {
        String record = hex(MINIMAL_ENTRY.toBuilder().setExtMount(true).build().toByteArray());

        assertReadFails(HEADER + length(record) + record, """
                mountpoints-1.img: record 0 at offset 8: mount 21 is external (ext_mount) but has no ext_key""");
    }

    @Test
    void mountNeedingACriuPlugin() {
        String record = hex(MINIMAL_ENTRY.toBuilder().setWithPlugin(true).build().toByteArray());

        assertReadFails(HEADER + length(record) + record, """
                mountpoints-1.img: record 0 at offset 8: mount 21 is restored by a CRIU plugin \
                (with_plugin), which mountflow cannot run""");
    }

    @Test
    void criuOnlyFieldsAreDropped() throws IOException {
        String record = hex(MINIMAL_ENTRY.toBuilder().setInternalSharing(true).setExtKey("unused")
                .build().toByteArray());

        assertThat(read(HEADER + length(record) + record))
                .containsExactly(mount(21, 1, "/tmp").device(0, 21).source("tmpfs").build());
    }

    @Test
    void fsnameThatIsNotUtf8() {
        String record = hex(MINIMAL_ENTRY.toBuilder().setFstype(16)
                .setFsnameBytes(ByteString.copyFrom(new byte[] {'e', (byte) 0xff})).build().toByteArray());

        assertReadFails(HEADER + length(record) + record, """
                mountpoints-1.img: record 0 at offset 8: mount 21: fsname 'e\\xff' is not valid UTF-8""");
    }

    @Test
    void autoWithoutFsnameReadsAsAMarker() throws IOException {
        String record = hex(MINIMAL_ENTRY.toBuilder().setFstype(16).build().toByteArray());

        List<Mount> mounts = read(HEADER + length(record) + record);

        assertThat(mounts).extracting(Mount::fstype).containsExactly("unknown:16");
    }

    private static void assertReadFails(String hexBytes, String message) {
        assertThatThrownBy(() -> read(hexBytes))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage(message);
    }

    private static List<Mount> read(String hexBytes) throws IOException {
        return MountpointsImage.read(new ByteArrayInputStream(HexFormat.of().parseHex(hexBytes)),
                "mountpoints-1.img");
    }

    private static List<Mount> roundTrip(List<Mount> mounts) throws IOException {
        return MountpointsImage.read(new ByteArrayInputStream(write(mounts)), "mountpoints-1.img");
    }

    private static byte[] write(List<Mount> mounts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MountpointsImage.write(mounts, out);
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String length(String hexRecord) {
        int n = hexRecord.length() / 2;
        return String.format("%02x%02x%02x%02x", n & 0xff, n >> 8 & 0xff, n >> 16 & 0xff, n >>> 24);
    }
}
