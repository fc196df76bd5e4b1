package dev.mountflow.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link Mount} as a JSON object of {@link ImageJson}, every field by name. Flag words are
 * written twice: as names for people ({@code ["MS_RDONLY", "MS_NOSUID"]}, unknown bits in hex)
 * and as the number ({@code flagsValue}), which is what reading trusts; the names must agree.
 */
final class MountJson {
    private MountJson() {
    }

    static ObjectNode toJson(Mount mount) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", mount.id());
        node.put("parent", mount.parentId());
        node.put("device", mount.device().toString());
        node.set("root", RawStringJson.toJson(mount.root()));
        node.set("mountpoint", RawStringJson.toJson(mount.mountpoint()));
        node.put("fstype", mount.fstype());
        node.set("source", RawStringJson.toJson(mount.source()));
        putFlags(node, "flags", mount.flags());
        putFlags(node, "superFlags", mount.superFlags());
        node.set("options", RawStringJson.toJson(mount.options()));
        node.put("shared", mount.sharedId());
        node.put("master", mount.masterId());
        node.put("unbindable", mount.unbindable());
        node.put("deleted", mount.deleted());
        node.put("externalKey", mount.externalKey());
        return node;
    }

    static Mount fromJson(JsonFields fields) {
        DeviceId device;
        try {
            device = DeviceId.parse(fields.text("device"));
        } catch (IllegalArgumentException e) {
            throw fields.error(e.getMessage());
        }
        return new Mount(
                fields.integer("id"),
                fields.integer("parent"),
                device,
                fields.raw("root"),
                fields.raw("mountpoint"),
                fields.text("fstype"),
                fields.raw("source"),
                flags(fields, "flags"),
                flags(fields, "superFlags"),
                fields.raw("options"),
                fields.integer("shared"),
                fields.integer("master"),
                fields.bool("unbindable"),
                fields.bool("deleted"),
                fields.textOrNull("externalKey"));
    }

    private static void putFlags(ObjectNode node, String name, int bits) {
        ArrayNode names = node.putArray(name);
        flagNames(bits).forEach(names::add);
        node.put(name + "Value", Integer.toUnsignedLong(bits));
    }

    private static int flags(JsonFields fields, String name) {
        int bits = fields.unsigned32(name + "Value");
        List<String> names = fields.texts(name);
        if (!names.equals(flagNames(bits))) {
            throw fields.error("'" + name + "' " + names + " do not match '" + name + "Value' "
                    + Integer.toUnsignedString(bits) + " " + flagNames(bits));
        }
        return bits;
    }

    private static List<String> flagNames(int bits) {
        return bits == 0 ? List.of()
                : new ArrayList<>(List.of(MountFlags.describe(Integer.toUnsignedLong(bits)).split("\\|")));
    }
}
