package dev.mountflow.image;

import com.google.protobuf.ByteString;
import dev.mountflow.image.proto.MntProto.mnt_entry;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Converts between the model's {@link Mount} and CRIU's {@code mnt_entry} record.
 *
 * <p>Paths, source and options travel as raw bytes ({@code set...Bytes}): proto2 does not check
 * strings for UTF-8, which is what lets non-UTF-8 path bytes survive. CRIU has no unbindable
 * field; it keeps the mark as {@code MS_UNBINDABLE} in {@code flags}, and so do we.
 *
 * <p>Of CRIU's fields the model has no place for, {@code internal_sharing} (a CRIU restore hint)
 * and an {@code ext_key} without {@code ext_mount} (which CRIU ignores too) are dropped;
 * {@code with_plugin} is refused, because such a mount is only restorable by a CRIU plugin and
 * restoring it as a plain mount would give the wrong content.
 */
final class MountEntries {
    private MountEntries() {
    }

    static mnt_entry toEntry(Mount mount) {
        mnt_entry.Builder entry = mnt_entry.newBuilder()
                .setFstype(FsType.codeFor(mount.fstype()))
                .setMntId(mount.id())
                .setRootDev(mount.device().encoded())
                .setParentMntId(mount.parentId())
                .setFlags(mount.flags() | (mount.unbindable() ? MountFlags.MS_UNBINDABLE : 0))
                .setRootBytes(bytes(mount.root()))
                .setMountpointBytes(bytes(mount.mountpoint()))
                .setSourceBytes(bytes(mount.source()))
                .setOptionsBytes(bytes(mount.options()))
                .setSbFlags(mount.superFlags());
        FsType.fsnameFor(mount.fstype()).ifPresent(entry::setFsname);
        if (mount.sharedId() != 0) {
            entry.setSharedId(mount.sharedId());
        }
        if (mount.masterId() != 0) {
            entry.setMasterId(mount.masterId());
        }
        if (mount.isExternal()) {
            entry.setExtMount(true).setExtKey(mount.externalKey());
        }
        if (mount.deleted()) {
            entry.setDeleted(true);
        }
        return entry.build();
    }

    /**
     * The mount an entry describes.
     *
     * @throws IllegalArgumentException with the reason when the entry cannot be a mount
     */
    static Mount toMount(mnt_entry entry) {
        Optional<String> fsname = entry.hasFsname()
                ? Optional.of(utf8(entry.getFsnameBytes(), entry.getMntId(), "fsname"))
                : Optional.empty();
        if (entry.getWithPlugin()) {
            throw new IllegalArgumentException("mount " + entry.getMntId()
                    + " is restored by a CRIU plugin (with_plugin), which mountflow cannot run");
        }
        String externalKey = null;
        if (entry.getExtMount()) {
            if (!entry.hasExtKey()) {
                // CRIU before ext_key existed kept the key elsewhere; guessing it would be worse.
                throw new IllegalArgumentException(
                        "mount " + entry.getMntId() + " is external (ext_mount) but has no ext_key");
            }
            externalKey = utf8(entry.getExtKeyBytes(), entry.getMntId(), "ext_key");
        }
        int flags = entry.getFlags();
        return new Mount(
                entry.getMntId(),
                entry.getParentMntId(),
                DeviceId.fromEncoded(entry.getRootDev()),
                raw(entry.getRootBytes()),
                raw(entry.getMountpointBytes()),
                FsType.nameFor(entry.getFstype(), fsname.orElse(null)),
                raw(entry.getSourceBytes()),
                flags & ~MountFlags.MS_UNBINDABLE,
                entry.getSbFlags(),
                raw(entry.getOptionsBytes()),
                entry.getSharedId(),
                entry.getMasterId(),
                (flags & MountFlags.MS_UNBINDABLE) != 0,
                entry.getDeleted(),
                externalKey);
    }

    private static ByteString bytes(RawString raw) {
        return ByteString.copyFrom(raw.toByteArray());
    }

    private static RawString raw(ByteString bytes) {
        return RawString.of(bytes.toByteArray());
    }

    // The model keeps these two as text, so bytes that are not UTF-8 cannot be carried over.
    private static String utf8(ByteString bytes, int mountId, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("mount " + mountId + ": " + field + " '"
                    + RawString.of(bytes.toByteArray()) + "' is not valid UTF-8");
        }
    }
}
