package org.openvault.backend.streamfield;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored StreamField (exhibit body, collection content) as the API writes it: every block as
 * {@code {"type", "value", "id"}} in that key order; rich text and html values exactly as stored; AAPB record
 * groups with their nine children in order, defaults filled in, {@code guids} as an array of strings and
 * durations as {@code "<seconds>.0"} strings or null. Reads both our canonical form and Wagtail's raw one.
 */
public final class StreamField {

    /** The six AAPB record-group block types. */
    public static final Set<String> AAPB_BLOCKS =
            Set.of("interviews", "archival_footage", "photographs", "original_footage", "programs", "related_content");

    private static final Set<String> ACCESS_LEVELS = Set.of("all", "digitized", "online");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern ISO_DURATION = Pattern.compile(
            "P(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+) )?(?:(?:(\\d+):)?(\\d+):)?(\\d+(?:\\.\\d+)?)");

    private StreamField() {
    }

    public static ArrayNode normalise(JsonNode stored) {
        ArrayNode out = NODES.arrayNode();
        if (stored == null || !stored.isArray()) {
            return out;
        }
        for (JsonNode block : stored) {
            if (!block.isObject()) {
                continue;
            }
            String type = block.path("type").asText("");
            ObjectNode written = NODES.objectNode();
            written.put("type", type);
            JsonNode value = block.get("value");
            written.set("value", AAPB_BLOCKS.contains(type) ? aapb(value) : value == null ? NODES.nullNode() : value);
            written.set("id", block.hasNonNull("id") ? NODES.textNode(block.get("id").asText()) : NODES.nullNode());
            out.add(written);
        }
        return out;
    }

    private static ObjectNode aapb(JsonNode value) {
        JsonNode v = value != null && value.isObject() ? value : NODES.objectNode();
        ObjectNode out = NODES.objectNode();
        out.set("guids", guids(v.get("guids")));
        JsonNode special = v.get("special_collections");
        out.set("special_collections", special == null ? NODES.textNode("")
                : special.isNull() ? NODES.nullNode() : NODES.textNode(special.asText()));
        out.put("show_title", bool(v.get("show_title")));
        out.put("show_thumbnail", bool(v.get("show_thumbnail")));
        out.put("show_sidebar", bool(v.get("show_sidebar")));
        JsonNode title = v.get("title");
        out.put("title", title == null || title.isNull() ? "" : title.asText());
        out.set("start_time", duration(v.get("start_time")));
        out.set("end_time", duration(v.get("end_time")));
        out.put("access_level", accessLevel(v.get("access_level")));
        return out;
    }

    private static ArrayNode guids(JsonNode stored) {
        ArrayNode out = NODES.arrayNode();
        if (stored == null || stored.isNull()) {
            return out;
        }
        if (stored.isArray()) {
            for (JsonNode g : stored) {
                if (!g.isNull() && !g.asText().isBlank()) {
                    out.add(g.asText().strip());
                }
            }
            return out;
        }
        for (String g : stored.asText().strip().split("\\s+")) {
            if (!g.isEmpty()) {
                out.add(g);
            }
        }
        return out;
    }

    private static boolean bool(JsonNode stored) {
        return stored == null || stored.isNull() || stored.asBoolean(true);
    }

    private static String accessLevel(JsonNode stored) {
        JsonNode v = stored != null && stored.isArray() && !stored.isEmpty() ? stored.get(0) : stored;
        String level = v == null || v.isNull() ? "" : v.asText();
        return ACCESS_LEVELS.contains(level) ? level : "online";
    }

    /** Total seconds the way Python prints a float ({@code "90.0"}), or null. */
    static JsonNode duration(JsonNode stored) {
        if (stored == null || stored.isNull()) {
            return NODES.nullNode();
        }
        BigDecimal seconds = stored.isNumber() ? stored.decimalValue() : seconds(stored.asText().strip());
        return seconds == null ? NODES.nullNode() : NODES.textNode(format(seconds));
    }

    /** Total seconds of a Django or ISO-8601 duration string ({@code "90"}, {@code "1:30"}, {@code "P0DT00H01M30S"}), or null. */
    static BigDecimal seconds(String text) {
        if (text.isEmpty()) {
            return null;
        }
        Matcher iso = ISO_DURATION.matcher(text);
        if (text.startsWith("P") && iso.matches()) {
            return part(iso.group(1), 86400).add(part(iso.group(2), 3600)).add(part(iso.group(3), 60))
                    .add(part(iso.group(4), 1));
        }
        Matcher clock = CLOCK.matcher(text);
        if (clock.matches()) {
            return part(clock.group(1), 86400).add(part(clock.group(2), 3600)).add(part(clock.group(3), 60))
                    .add(part(clock.group(4), 1));
        }
        return null;
    }

    private static BigDecimal part(String digits, int factor) {
        return digits == null ? BigDecimal.ZERO : new BigDecimal(digits).multiply(BigDecimal.valueOf(factor));
    }

    /** Seconds as the API writes them, the way Python prints a float: {@code "90.0"}, {@code "3600.5"}. */
    static String format(BigDecimal seconds) {
        BigDecimal stripped = seconds.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return stripped.toBigInteger() + ".0";
        }
        return stripped.toPlainString();
    }
}
