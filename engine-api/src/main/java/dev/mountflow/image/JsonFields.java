package dev.mountflow.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mountflow.error.ImageFormatException;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed, checked access to the fields of one JSON object of an image document. Every failure is
 * an {@link ImageFormatException} naming the document, the object's path and the field:
 * {@code mountflow.json: namespaces[1]: missing 'id'}.
 */
final class JsonFields {
    private final ObjectNode node;
    private final String document;
    private final String path;

    private JsonFields(ObjectNode node, String document, String path) {
        this.node = node;
        this.document = document;
        this.path = path;
    }

    static JsonFields root(JsonNode node, String document) {
        if (!(node instanceof ObjectNode object)) {
            throw new ImageFormatException(document + ": expected a JSON object, got "
                    + describe(node));
        }
        return new JsonFields(object, document, "");
    }

    ObjectNode node() {
        return node;
    }

    ImageFormatException error(String reason) {
        return new ImageFormatException(document + ": " + (path.isEmpty() ? "" : path + ": ")
                + reason);
    }

    JsonNode require(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw error("missing '" + name + "'");
        }
        return value;
    }

    int integer(String name) {
        JsonNode value = require(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw mistyped(name, "an integer", value);
        }
        return value.intValue();
    }

    long longInteger(String name) {
        JsonNode value = require(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw mistyped(name, "an integer", value);
        }
        return value.longValue();
    }

    /** A u32 field, accepted as 0..4294967295 and returned with the same bits in an int. */
    int unsigned32(String name) {
        JsonNode value = require(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.longValue() < 0 || value.longValue() > 0xffff_ffffL) {
            throw mistyped(name, "an integer from 0 to 4294967295", value);
        }
        return (int) value.longValue();
    }

    boolean bool(String name) {
        JsonNode value = require(name);
        if (!value.isBoolean()) {
            throw mistyped(name, "true or false", value);
        }
        return value.booleanValue();
    }

    String text(String name) {
        JsonNode value = require(name);
        if (!value.isTextual()) {
            throw mistyped(name, "a string", value);
        }
        return value.textValue();
    }

    /** A string field that may be null or absent. */
    String textOrNull(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : text(name);
    }

    RawString raw(String name) {
        return RawStringJson.fromJson(require(name), this, name);
    }

    List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        JsonNode array = array(name);
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isTextual()) {
                throw mistyped(name + "[" + i + "]", "a string", array.get(i));
            }
            out.add(array.get(i).textValue());
        }
        return out;
    }

    JsonNode array(String name) {
        JsonNode value = require(name);
        if (!value.isArray()) {
            throw mistyped(name, "an array", value);
        }
        return value;
    }

    ObjectNode object(String name) {
        JsonNode value = require(name);
        if (!(value instanceof ObjectNode object)) {
            throw mistyped(name, "an object", value);
        }
        return object;
    }

    /** The elements of an array field, each of which must be an object. */
    List<JsonFields> objects(String name) {
        JsonNode array = array(name);
        List<JsonFields> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String elementPath = (path.isEmpty() ? "" : path + ".") + name + "[" + i + "]";
            if (!(array.get(i) instanceof ObjectNode object)) {
                throw new JsonFields(node, document, elementPath)
                        .error("expected an object, got " + describe(array.get(i)));
            }
            out.add(new JsonFields(object, document, elementPath));
        }
        return out;
    }

    ImageFormatException mistyped(String name, String expected, JsonNode value) {
        return error("'" + name + "' must be " + expected + ", got " + describe(value));
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
