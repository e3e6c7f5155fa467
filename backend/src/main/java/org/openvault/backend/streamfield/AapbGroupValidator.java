package org.openvault.backend.streamfield;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.richtext.RichText;
import org.openvault.backend.validation.Violations;

/**
 * The value of an AAPB record-group block (interviews, programs, …) from an editor, checked and written with all
 * nine children in stored order and canonical form: guids as an array, defaults filled in, durations as
 * {@code "<seconds>.0"} strings or null.
 */
final class AapbGroupValidator {

    static final List<String> CHILDREN = List.of("guids", "special_collections", "show_title", "show_thumbnail",
            "show_sidebar", "title", "start_time", "end_time", "access_level");
    /** The group title is shown in the sidebar and above the records: a line, not an essay. */
    static final int MAX_TITLE_TEXT = 1024;
    /** More record ids than a group can show; beyond it a request is abuse. */
    static final int MAX_GUIDS = 10_000;

    private static final Pattern GUID = Pattern.compile("[A-Za-z0-9_.:/-]{1,200}");
    private static final List<String> ACCESS_LEVELS = List.of("all", "digitized", "online");
    // Python's timedelta stops short of a billion days; nothing longer can be stored.
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(86_400L * 999_999_999L);
    // Durations are stored to the microsecond.
    private static final int MAX_SCALE = 6;
    // Longer than any duration anyone types; keeps the duration patterns from working on huge strings.
    private static final int MAX_DURATION_TEXT = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AapbGroupValidator() {
    }

    static ObjectNode validate(JsonNode value, String at, Violations violations) {
        ObjectNode out = NODES.objectNode();
        if (!value.isObject()) {
            violations.add(at, "not_object", "A record group must be an object");
            return out;
        }
        value.fieldNames().forEachRemaining(key -> {
            if (!CHILDREN.contains(key)) {
                violations.add(Violations.pointer(at, key), "unknown_field",
                        "A record group has only " + String.join(", ", CHILDREN));
            }
        });
        out.set("guids", guids(value.get("guids"), Violations.pointer(at, "guids"), violations));
        out.put("special_collections", specialCollections(value.get("special_collections"),
                Violations.pointer(at, "special_collections"), violations));
        for (String flag : List.of("show_title", "show_thumbnail", "show_sidebar")) {
            out.put(flag, flag(value.get(flag), Violations.pointer(at, flag), violations));
        }
        out.put("title", title(value.get("title"), Violations.pointer(at, "title"), violations));
        BigDecimal start = duration(value.get("start_time"), Violations.pointer(at, "start_time"), violations);
        BigDecimal end = duration(value.get("end_time"), Violations.pointer(at, "end_time"), violations);
        out.set("start_time", start == null ? NODES.nullNode() : NODES.textNode(StreamField.format(start)));
        out.set("end_time", end == null ? NODES.nullNode() : NODES.textNode(StreamField.format(end)));
        if (start != null && end != null && start.compareTo(end) > 0) {
            violations.add(Violations.pointer(at, "start_time"), "start_after_end", "Start time must be before end time");
        }
        out.put("access_level", accessLevel(value.get("access_level"), Violations.pointer(at, "access_level"), violations));
        return out;
    }

    // Editors paste record ids separated by any whitespace; the stored form is the list the API returns.
    private static ArrayNode guids(JsonNode value, String at, Violations violations) {
        ArrayNode out = NODES.arrayNode();
        if (value == null || value.isNull()) {
            violations.add(at, "required", "At least one AAPB record id is required");
            return out;
        }
        if (!value.isTextual() && !value.isArray()) {
            violations.add(at, "not_string", "Record ids must be a string separated by whitespace, or an array of strings");
            return out;
        }
        List<JsonNode> items = items(value);
        if (items.size() > MAX_GUIDS) {
            violations.add(at, "too_long", "A record group may list at most " + MAX_GUIDS + " record ids");
            return out;
        }
        boolean invalid = false;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String itemAt = value.isArray() ? Violations.pointer(at, i) : at;
            String guid = item.isTextual() ? item.asText().strip() : null;
            if (guid == null) {
                violations.add(itemAt, "not_string", "A record id must be a string");
                invalid = true;
            } else if (!guid.isEmpty() && !GUID.matcher(guid).matches()) {
                violations.add(itemAt, "invalid_guid", "Not an AAPB record id: " + abbreviate(guid));
                invalid = true;
            } else if (!guid.isEmpty()) {
                out.add(guid);
            }
        }
        if (out.isEmpty() && !invalid) {
            violations.add(at, "required", "At least one AAPB record id is required");
        }
        return out;
    }

    private static List<JsonNode> items(JsonNode guids) {
        List<JsonNode> items = new ArrayList<>();
        if (guids.isArray()) {
            guids.forEach(items::add);
        } else {
            for (String guid : guids.asText().strip().split("\\s+")) {
                items.add(NODES.textNode(guid));
            }
        }
        return items;
    }

    private static String specialCollections(JsonNode value, String at, Violations violations) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            violations.add(at, "not_string", "Must be a string");
            return "";
        }
        return value.asText();
    }

    private static boolean flag(JsonNode value, String at, Violations violations) {
        if (value == null || value.isNull()) {
            return true;
        }
        if (!value.isBoolean()) {
            violations.add(at, "not_boolean", "Must be true or false");
            return true;
        }
        return value.booleanValue();
    }

    private static String title(JsonNode value, String at, Violations violations) {
        if (value == null || value.isNull()) {
            return "";
        }
        String clean = StreamFieldValidator.richText(value, RichText.Features.ITALIC_ONLY, at, violations);
        if (clean == null) {
            return "";
        }
        if (RichText.textLength(clean) > MAX_TITLE_TEXT) {
            violations.add(at, "too_long", "The title may have at most " + MAX_TITLE_TEXT + " characters of text");
        }
        return clean;
    }

    /** Seconds of a duration the editor typed or sent as a number; null when empty or (with a violation) invalid. */
    private static BigDecimal duration(JsonNode value, String at, Violations violations) {
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            return null;
        }
        BigDecimal seconds = value.isNumber() ? value.decimalValue()
                : value.isTextual() && value.asText().length() <= MAX_DURATION_TEXT
                ? StreamField.seconds(value.asText().strip()) : null;
        if (seconds == null || seconds.signum() < 0 || seconds.compareTo(MAX_SECONDS) > 0
                || seconds.stripTrailingZeros().scale() > MAX_SCALE) {
            violations.add(at, "invalid_duration",
                    "Must be seconds (90), a time (00:01:30) or an ISO-8601 duration (P0DT00H01M30S)");
            return null;
        }
        return seconds;
    }

    private static String accessLevel(JsonNode value, String at, Violations violations) {
        if (value == null || value.isNull()) {
            return "online";
        }
        if (!value.isTextual() || !ACCESS_LEVELS.contains(value.asText())) {
            violations.add(at, "invalid_choice", "Must be one of " + String.join(", ", ACCESS_LEVELS));
            return "online";
        }
        return value.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
