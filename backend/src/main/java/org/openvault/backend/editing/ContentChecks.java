package org.openvault.backend.editing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.richtext.RichText;

/** Checks shared by the page types' fields: rich text, flags, and references to images. */
public final class ContentChecks {

    /** Where page content sits in request bodies: errors point below it ({@code /content/title}). */
    public static final String CONTENT = "/content";

    /** Rich text larger than this is refused before sanitising (it would only be markup nobody reads). */
    public static final int MAX_RICH_TEXT = 1_000_000;

    private ContentChecks() {
    }

    /** A rich-text member, sanitised to the storage format; "" when absent. */
    public static void richText(ObjectNode content, String name, RichText.Features features, ObjectNode clean,
                                EditContext context) {
        JsonNode value = content.get(name);
        if (value == null || value.isNull()) {
            clean.put(name, "");
            return;
        }
        if (!value.isTextual()) {
            context.violations().add(context.at(name), "not_string", name + " must be a string of HTML");
            return;
        }
        if (value.asText().length() > MAX_RICH_TEXT) {
            context.violations().add(context.at(name), "too_long", name + " is longer than " + MAX_RICH_TEXT
                    + " characters");
            return;
        }
        clean.put(name, RichText.sanitise(value.asText(), features));
    }

    /** A plain-text member of at most {@code max} characters; "" when absent. */
    public static void plainText(ObjectNode content, String name, int max, ObjectNode clean, EditContext context) {
        JsonNode value = content.get(name);
        if (value == null || value.isNull()) {
            clean.put(name, "");
        } else if (!value.isTextual()) {
            context.violations().add(context.at(name), "not_string", name + " must be a string");
        } else if (value.asText().codePointCount(0, value.asText().length()) > max) {
            context.violations().add(context.at(name), "too_long", name + " is longer than " + max + " characters");
        } else {
            clean.put(name, value.asText());
        }
    }

    public static void flag(ObjectNode content, String name, ObjectNode clean, EditContext context) {
        JsonNode value = content.get(name);
        if (value == null || value.isNull()) {
            clean.put(name, false);
        } else if (!value.isBoolean()) {
            context.violations().add(context.at(name), "not_boolean", name + " must be true or false");
        } else {
            clean.put(name, value.asBoolean());
        }
    }

    /** An image id (or null) that must name an image of the library. */
    public static void imageId(ObjectNode content, String name, ObjectNode clean, EditContext context) {
        JsonNode value = content.get(name);
        if (value == null || value.isNull()) {
            clean.putNull(name);
            return;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            context.violations().add(context.at(name), "not_integer", name + " must be an image id or null");
            return;
        }
        int id = value.asInt();
        // FOR KEY SHARE: an image being deleted meanwhile (its row locked FOR UPDATE) is waited for and then not
        // found, and a delete waits until this save has committed, then sees this page among the image's uses.
        if (context.db().one("SELECT 1 FROM image WHERE id = ? FOR KEY SHARE", rs -> true, id).isEmpty()) {
            context.violations().add(context.at(name), "unknown_image", "there is no image " + id);
            return;
        }
        clean.put(name, id);
    }

    /** The id of an element of an array of references: a bare number or an object with {@code key}. */
    public static Long referenceId(JsonNode element, String key) {
        JsonNode id = element.isObject() ? element.get(key) : element;
        return id != null && id.isIntegralNumber() && id.canConvertToLong() ? id.asLong() : null;
    }

    /** A checked image or page id of the content as a statement parameter: null stays null. */
    public static Integer intOrNull(JsonNode value) {
        return value == null || value.isNull() ? null : value.asInt();
    }

    /** Reads an {@code integer} column that may be NULL into the content object. */
    public static void putNullableInt(ObjectNode into, String name, Integer value) {
        if (value == null) {
            into.putNull(name);
        } else {
            into.put(name, value);
        }
    }
}
