package org.openvault.backend.admin;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.validation.Violations;

/** Reading typed members of a request object, noting a violation (with its pointer) for each that is wrong. */
public final class JsonFields {

    private JsonFields() {
    }

    /** Notes every member that is not in {@code known}. */
    public static void onlyKnown(ObjectNode body, String pointer, Set<String> known, Violations violations) {
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                violations.add(Violations.pointer(pointer, name), "unknown_field", "unknown field " + name);
            }
        });
    }

    /** A string member: {@code fallback} when absent (or null, if allowed); violation when of another type or too long. */
    public static String text(ObjectNode body, String pointer, String name, String fallback, int maxLength,
                              boolean required, Violations violations) {
        JsonNode value = body.get(name);
        String at = Violations.pointer(pointer, name);
        if (value == null || value.isNull()) {
            if (required) {
                violations.add(at, "required", name + " is required");
            }
            return fallback;
        }
        if (!value.isTextual()) {
            violations.add(at, "not_string", name + " must be a string");
            return fallback;
        }
        String text = value.asText();
        if (required && text.isBlank()) {
            violations.add(at, "required", name + " must not be empty");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            violations.add(at, "too_long", name + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    public static Boolean bool(ObjectNode body, String pointer, String name, Boolean fallback, Violations violations) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            violations.add(Violations.pointer(pointer, name), "not_boolean", name + " must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    /** An integer member in {@code [min, max]}, or {@code fallback} when absent or null. */
    public static Long integer(ObjectNode body, String pointer, String name, Long fallback, long min, long max,
                               Violations violations) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            violations.add(Violations.pointer(pointer, name), "not_integer", name + " must be an integer");
            return fallback;
        }
        long n = value.asLong();
        if (n < min || n > max) {
            violations.add(Violations.pointer(pointer, name), "out_of_range",
                    name + " must be between " + min + " and " + max);
            return fallback;
        }
        return n;
    }
}
