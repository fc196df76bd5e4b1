package dev.mountflow.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.model.RawString;
import java.util.Base64;

/**
 * The lossless JSON form of a {@link RawString}: a plain JSON string when the bytes are valid
 * UTF-8, otherwise an object {@code {"base64": "L2H/", "printable": "/a\\xff"}} whose
 * {@code base64} holds the exact bytes. {@code printable} is {@link RawString#toString()} for
 * people reading the JSON and is ignored when reading.
 */
final class RawStringJson {
    static final String BASE64 = "base64";
    static final String PRINTABLE = "printable";

    private RawStringJson() {
    }

    static JsonNode toJson(RawString raw) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (raw.isValidUtf8()) {
            return nodes.textNode(raw.utf8());
        }
        ObjectNode object = nodes.objectNode();
        object.put(BASE64, Base64.getEncoder().encodeToString(raw.toByteArray()));
        object.put(PRINTABLE, raw.toString());
        return object;
    }

    static RawString fromJson(JsonNode value, JsonFields owner, String name) {
        if (value.isTextual()) {
            return RawString.of(value.textValue());
        }
        JsonNode base64 = value.isObject() ? value.get(BASE64) : null;
        if (base64 == null || !base64.isTextual()) {
            throw owner.mistyped(name, "a string or {\"base64\": ...}", value);
        }
        try {
            return RawString.of(Base64.getDecoder().decode(base64.textValue()));
        } catch (IllegalArgumentException e) {
            throw owner.error("'" + name + "." + BASE64 + "' is not base64: " + e.getMessage());
        }
    }
}
