package org.openvault.backend.streamfield;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.richtext.RichText;
import org.openvault.backend.richtext.RichText.Features;
import org.openvault.backend.validation.Violations;

/**
 * One StreamField value from an editor's request, checked against its stream's block vocabulary and reduced to
 * the stored form: every block {@code {"type", "value", "id"}} with a UUID id, rich text sanitised, AAPB record
 * groups complete and canonical, so that {@link StreamField#normalise} writes it back unchanged.
 */
public final class StreamFieldValidator {

    /** The streams editors write, each with the block types its picker offers, in picker order. */
    public enum Stream {
        EXHIBIT_BODY(Features.EXHIBIT_TEXT, List.of("credits", "heading", "text", "subheading", "html")),
        COLLECTION_CONTENT(Features.DEFAULT, List.of("credits", "heading", "text", "html"));

        private final Features text;
        private final List<String> blockTypes;

        Stream(Features text, List<String> otherBlocks) {
            this.text = text;
            this.blockTypes = java.util.stream.Stream.concat(AAPB_GROUPS.stream(), otherBlocks.stream()).toList();
        }

        public List<String> blockTypes() {
            return blockTypes;
        }

        /** The feature set of a rich-text block type, or null when the type is not rich text. */
        Features richText(String type) {
            return switch (type) {
                case "credits" -> Features.DEFAULT;
                case "heading", "subheading" -> Features.ITALIC_ONLY;
                case "text" -> text;
                default -> null;
            };
        }
    }

    /** More blocks than any real page has: a request beyond it is abuse, refused before any work is done. */
    public static final int MAX_BLOCKS = 1000;
    /** The longest rich-text or html value accepted, in characters of markup. */
    public static final int MAX_TEXT = 1_000_000;

    // In the editor's picker order; a copy rather than StreamField.AAPB_BLOCKS, whose set has no order.
    private static final List<String> AAPB_GROUPS =
            List.of("interviews", "archival_footage", "photographs", "original_footage", "programs", "related_content");
    private static final Set<String> ENVELOPE = Set.of("type", "value", "id");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamFieldValidator() {
    }

    /**
     * The stream to store, adding to {@code violations} everything wrong with {@code value} (pointers below
     * {@code pointer}). Non-administrators ({@code mayEditHtml} false) may only keep html blocks unchanged: those whose
     * id maps to exactly the same value in {@code existingHtmlBlocks}, the page's current html blocks.
     */
    public static ArrayNode validate(JsonNode value, Stream stream, String pointer, boolean mayEditHtml,
                                     Map<String, String> existingHtmlBlocks, Violations violations) {
        ArrayNode out = NODES.arrayNode();
        if (value == null || !value.isArray()) {
            violations.add(pointer, "not_array", "A stream must be an array of blocks");
            return out;
        }
        if (value.size() > MAX_BLOCKS) {
            violations.add(pointer, "too_many_blocks", "A stream may have at most " + MAX_BLOCKS + " blocks");
            return out;
        }
        HtmlBlockRule html = new HtmlBlockRule(mayEditHtml, existingHtmlBlocks);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String at = Violations.pointer(pointer, i);
            JsonNode block = value.get(i);
            if (!block.isObject()) {
                violations.add(at, "not_object", "A block must be an object with type, value and id");
                continue;
            }
            ObjectNode cleaned = block(block, stream, at, html, ids, violations);
            if (cleaned != null) {
                out.add(cleaned);
            }
        }
        return out;
    }

    private static ObjectNode block(JsonNode block, Stream stream, String at, HtmlBlockRule html, Set<String> ids,
                                    Violations violations) {
        block.fieldNames().forEachRemaining(key -> {
            if (!ENVELOPE.contains(key)) {
                violations.add(Violations.pointer(at, key), "unknown_field", "Blocks have only type, value and id");
            }
        });
        String id = blockId(block.get("id"), Violations.pointer(at, "id"), ids, violations);
        JsonNode type = block.get("type");
        if (type == null || !type.isTextual() || !stream.blockTypes().contains(type.asText())) {
            violations.add(Violations.pointer(at, "type"), "unknown_block_type",
                    "Block type must be one of: " + String.join(", ", stream.blockTypes()));
            return null;
        }
        String valueAt = Violations.pointer(at, "value");
        JsonNode value = block.get("value");
        if (value == null || value.isNull()) {
            violations.add(valueAt, "required", "A block needs a value");
            return null;
        }
        JsonNode cleaned = value(type.asText(), value, stream, valueAt, violations);
        if (type.asText().equals("html") && cleaned != null && !html.allows(block.get("id"), cleaned.asText())) {
            violations.add(at, "forbidden_block", "Only administrators may add or change html blocks");
        }
        ObjectNode out = NODES.objectNode();
        out.put("type", type.asText());
        out.set("value", cleaned == null ? NODES.nullNode() : cleaned);
        out.put("id", id);
        return out;
    }

    private static JsonNode value(String type, JsonNode value, Stream stream, String at, Violations violations) {
        if (AAPB_GROUPS.contains(type)) {
            return AapbGroupValidator.validate(value, at, violations);
        }
        Features features = stream.richText(type);
        String text = features == null ? text(value, at, violations) : richText(value, features, at, violations);
        return text == null ? null : NODES.textNode(text);
    }

    /** Rich text sanitised for storage, or null (with a violation) when it is not a string or too long. */
    static String richText(JsonNode value, Features features, String at, Violations violations) {
        String text = text(value, at, violations);
        if (text == null) {
            return null;
        }
        String clean = RichText.sanitise(text, features);
        // Closing what the editor left open can make markup longer than what was sent.
        if (clean.length() > MAX_TEXT) {
            violations.add(at, "too_long", "Must be at most " + MAX_TEXT + " characters");
            return null;
        }
        return clean;
    }

    /** A value as a string within the size limit, or null (with a violation). */
    private static String text(JsonNode value, String at, Violations violations) {
        if (!value.isTextual()) {
            violations.add(at, "not_string", "Must be a string of HTML");
            return null;
        }
        if (value.asText().length() > MAX_TEXT) {
            violations.add(at, "too_long", "Must be at most " + MAX_TEXT + " characters");
            return null;
        }
        return value.asText();
    }

    // Ids let the editor and revisions follow a block; ours are UUIDs, so a missing one is made the same way.
    private static String blockId(JsonNode id, String at, Set<String> seen, Violations violations) {
        String result;
        if (id == null || id.isNull()) {
            result = UUID.randomUUID().toString();
        } else if (id.isTextual() && UUID_TEXT.matcher(id.asText()).matches()) {
            result = id.asText();
        } else {
            violations.add(at, "invalid_block_id", "A block id must be a UUID");
            return id.asText();
        }
        if (!seen.add(result.toLowerCase(Locale.ROOT))) {
            violations.add(at, "duplicate_block_id", "Another block of this stream has the id " + result);
        }
        return result;
    }
}
