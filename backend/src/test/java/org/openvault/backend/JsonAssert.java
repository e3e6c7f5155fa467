package org.openvault.backend;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on JSON shapes: exact keys in exact order, and value types. */
public final class JsonAssert {

    private JsonAssert() {
    }

    public static void keys(JsonNode object, String... expected) {
        assertTrue(object.isObject(), "expected an object: " + object);
        List<String> actual = new ArrayList<>();
        Iterator<String> names = object.fieldNames();
        names.forEachRemaining(actual::add);
        assertEquals(List.of(expected), actual, "keys of " + object);
    }

    public static void isInt(JsonNode node) {
        assertTrue(node != null && node.isInt(), "expected an integer: " + node);
    }

    public static void isText(JsonNode node) {
        assertTrue(node != null && node.isTextual(), "expected a string: " + node);
    }

    public static void isBool(JsonNode node) {
        assertTrue(node != null && node.isBoolean(), "expected a boolean: " + node);
    }

    public static void isNull(JsonNode node) {
        assertTrue(node != null && node.isNull(), "expected null: " + node);
    }

    public static void isTextOrNull(JsonNode node) {
        assertTrue(node != null && (node.isTextual() || node.isNull()), "expected a string or null: " + node);
    }

    /** An ISO-8601 UTC datetime with microseconds and Z, as the original writes them. */
    public static void isTimestamp(JsonNode node) {
        isText(node);
        assertTrue(node.asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z"), "timestamp: " + node);
    }

    public static List<String> texts(JsonNode array, String pointer) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            out.add(item.at(pointer).asText());
        }
        return out;
    }
}
