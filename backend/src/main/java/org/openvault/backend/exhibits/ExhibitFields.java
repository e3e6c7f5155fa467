package org.openvault.backend.exhibits;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.backend.editing.ContentChecks;
import org.openvault.backend.editing.EditContext;
import org.openvault.backend.editing.TypeFields;
import org.openvault.backend.richtext.RichText;
import org.openvault.backend.streamfield.StreamField;
import org.openvault.backend.streamfield.StreamFieldValidator;
import org.openvault.backend.validation.Violations;

/**
 * An exhibit's own fields: the body stream, cover and hero images, featured, its ordered authors (each at most once),
 * footnotes (uuid and rich text, referred to from text blocks) and up to three other exhibits.
 */
public final class ExhibitFields implements TypeFields {

    public static final int MAX_OTHER_EXHIBITS = 3;
    private static final int MAX_AUTHORS = 100;
    private static final int MAX_FOOTNOTES = 1000;

    @Override
    public String typeName() {
        return ExhibitPages.TYPE;
    }

    @Override
    public Set<String> fields() {
        return Set.of("body", "cover_image_id", "hero_image_id", "featured", "authors", "footnotes", "other_exhibits");
    }

    @Override
    public boolean needsImagesToPublish() {
        return true;
    }

    @Override
    public void validate(ObjectNode content, ObjectNode clean, EditContext context) {
        clean.set("body", StreamFieldValidator.validate(content.has("body") ? content.get("body") : ApiJson.MAPPER
                        .createArrayNode(), StreamFieldValidator.Stream.EXHIBIT_BODY, context.at("body"),
                context.mayEditHtml(), context.existingHtmlBlocks(), context.violations()));
        ContentChecks.imageId(content, "cover_image_id", clean, context);
        ContentChecks.imageId(content, "hero_image_id", clean, context);
        ContentChecks.flag(content, "featured", clean, context);
        clean.set("authors", authors(content.get("authors"), context));
        clean.set("footnotes", footnotes(content.get("footnotes"), context));
        clean.set("other_exhibits", otherExhibits(content.get("other_exhibits"), context));
    }

    private static ArrayNode authors(JsonNode value, EditContext context) {
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        String at = context.at("authors");
        if (!isArray(value, at, MAX_AUTHORS, context)) {
            return out;
        }
        Set<Long> seen = new HashSet<>();
        // FOR KEY SHARE, as a foreign key check takes it: deleting an author meanwhile waits for this save, then finds
        // it listed.
        for (int i = 0; i < value.size(); i++) {
            String pointer = Violations.pointer(at, i);
            Long id = ContentChecks.referenceId(value.get(i), "author_id");
            if (id == null) {
                context.violations().add(pointer, "invalid_reference", "each author is {\"author_id\": <id>}");
            } else if (!seen.add(id)) {
                context.violations().add(pointer, "duplicate", "author " + id + " is listed twice");
            } else if (context.db().one("SELECT 1 FROM author WHERE id = ? FOR KEY SHARE", rs -> true, id).isEmpty()) {
                context.violations().add(pointer, "unknown_author", "there is no author " + id);
            } else {
                out.addObject().put("author_id", id);
            }
        }
        return out;
    }

    private static ArrayNode footnotes(JsonNode value, EditContext context) {
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        String at = context.at("footnotes");
        if (!isArray(value, at, MAX_FOOTNOTES, context)) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String pointer = Violations.pointer(at, i);
            JsonNode footnote = value.get(i);
            if (!footnote.isObject()) {
                context.violations().add(pointer, "not_object", "each footnote is {\"uuid\", \"text\"}");
                continue;
            }
            String uuid = uuid(footnote.get("uuid"), Violations.pointer(pointer, "uuid"), context);
            if (uuid != null && !seen.add(uuid)) {
                context.violations().add(Violations.pointer(pointer, "uuid"), "duplicate", "footnote " + uuid
                        + " is listed twice");
            }
            JsonNode text = footnote.get("text");
            if (text != null && !text.isNull() && !text.isTextual()) {
                context.violations().add(Violations.pointer(pointer, "text"), "not_string", "text must be a string");
                continue;
            }
            footnote.fieldNames().forEachRemaining(name -> {
                if (!name.equals("uuid") && !name.equals("text") && !name.equals("id")) {
                    context.violations().add(Violations.pointer(pointer, name), "unknown_field",
                            "unknown field " + name);
                }
            });
            ObjectNode clean = out.addObject();
            clean.put("uuid", uuid == null ? "" : uuid);
            clean.put("text", text == null || text.isNull() ? ""
                    : RichText.sanitise(text.asText(), RichText.Features.FOOTNOTE));
        }
        return out;
    }

    // A footnote made in the editor gets its uuid there; one sent without gets a new one.
    private static String uuid(JsonNode value, String pointer, EditContext context) {
        if (value == null || value.isNull()) {
            return UUID.randomUUID().toString();
        }
        try {
            return UUID.fromString(value.asText()).toString();
        } catch (IllegalArgumentException e) {
            context.violations().add(pointer, "invalid_uuid", "uuid must be a UUID");
            return null;
        }
    }

    private static ArrayNode otherExhibits(JsonNode value, EditContext context) {
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        String at = context.at("other_exhibits");
        if (!isArray(value, at, Integer.MAX_VALUE, context)) {
            return out;
        }
        if (value.size() > MAX_OTHER_EXHIBITS) {
            context.violations().add(at, "too_many",
                    "an exhibit has at most " + MAX_OTHER_EXHIBITS + " other exhibits");
            return out;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String pointer = Violations.pointer(at, i);
            Long id = ContentChecks.referenceId(value.get(i), "exhibit_id");
            if (id == null) {
                context.violations().add(pointer, "invalid_reference", "each other exhibit is {\"exhibit_id\": <id>}");
            } else if (context.pageId() != null && id == context.pageId().longValue()) {
                context.violations().add(pointer, "self_reference", "an exhibit cannot recommend itself");
            } else if (!seen.add(id)) {
                context.violations().add(pointer, "duplicate", "exhibit " + id + " is listed twice");
            } else if (id > Integer.MAX_VALUE
                    || context.db().one("SELECT 1 FROM exhibit WHERE page_id = ?", rs -> true, id.intValue())
                            .isEmpty()) {
                context.violations().add(pointer, "unknown_exhibit", "there is no exhibit " + id);
            } else {
                out.addObject().put("exhibit_id", id.intValue());
            }
        }
        return out;
    }

    private static boolean isArray(JsonNode value, String pointer, int max, EditContext context) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isArray()) {
            context.violations().add(pointer, "not_array", "must be an array");
            return false;
        }
        if (value.size() > max) {
            context.violations().add(pointer, "too_many", "at most " + max + " entries");
            return false;
        }
        return true;
    }

    @Override
    public void read(Statements db, int pageId, ObjectNode into) {
        db.one("SELECT body::text AS body, cover_image_id, hero_image_id, featured FROM exhibit WHERE page_id = ?",
                rs -> {
                    ObjectNode stored = ApiJson.MAPPER.createObjectNode();
                    stored.set("body", StreamField.normalise(ApiJson.parse(rs.getString("body"))));
                    ContentChecks.putNullableInt(stored, "cover_image_id", Sql.nullableInt(rs, "cover_image_id"));
                    ContentChecks.putNullableInt(stored, "hero_image_id", Sql.nullableInt(rs, "hero_image_id"));
                    stored.put("featured", rs.getBoolean("featured"));
                    return stored;
                }, pageId).ifPresentOrElse(into::setAll, () -> {
                    into.set("body", ApiJson.MAPPER.createArrayNode());
                    into.putNull("cover_image_id");
                    into.putNull("hero_image_id");
                    into.put("featured", false);
                });
        ArrayNode authors = into.putArray("authors");
        db.list("SELECT author_id FROM exhibit_author WHERE page_id = ? ORDER BY sort_order NULLS LAST, id",
                rs -> authors.addObject().put("author_id", rs.getLong("author_id")), pageId);
        ArrayNode footnotes = into.putArray("footnotes");
        db.list("SELECT uuid::text AS uuid, text FROM footnote WHERE page_id = ? ORDER BY sort_order NULLS LAST, id",
                rs -> footnotes.addObject().put("uuid", rs.getString("uuid")).put("text", rs.getString("text")),
                pageId);
        ArrayNode others = into.putArray("other_exhibits");
        db.list("SELECT exhibit_id FROM exhibit_other_exhibit WHERE page_id = ? ORDER BY sort_order NULLS LAST, id",
                rs -> others.addObject().put("exhibit_id", rs.getInt("exhibit_id")), pageId);
    }

    @Override
    public void write(Statements db, int pageId, ObjectNode content) {
        db.update("INSERT INTO exhibit (page_id, body, cover_image_id, hero_image_id, featured)"
                        + " VALUES (?, CAST(? AS jsonb), CAST(? AS integer), CAST(? AS integer), ?)"
                        + " ON CONFLICT (page_id) DO UPDATE SET body = EXCLUDED.body,"
                        + " cover_image_id = EXCLUDED.cover_image_id, hero_image_id = EXCLUDED.hero_image_id,"
                        + " featured = EXCLUDED.featured",
                pageId, content.get("body").toString(), ContentChecks.intOrNull(content.get("cover_image_id")),
                ContentChecks.intOrNull(content.get("hero_image_id")), content.get("featured").asBoolean());
        db.update("DELETE FROM exhibit_author WHERE page_id = ?", pageId);
        int order = 0;
        for (JsonNode author : content.get("authors")) {
            db.update("INSERT INTO exhibit_author (page_id, author_id, sort_order) VALUES (?, ?, ?)", pageId,
                    author.get("author_id").asLong(), order++);
        }
        db.update("DELETE FROM footnote WHERE page_id = ?", pageId);
        order = 0;
        for (JsonNode footnote : content.get("footnotes")) {
            db.update("INSERT INTO footnote (page_id, uuid, text, sort_order) VALUES (?, CAST(? AS uuid), ?, ?)",
                    pageId,
                    footnote.get("uuid").asText(), footnote.get("text").asText(), order++);
        }
        db.update("DELETE FROM exhibit_other_exhibit WHERE page_id = ?", pageId);
        order = 0;
        for (JsonNode other : content.get("other_exhibits")) {
            db.update("INSERT INTO exhibit_other_exhibit (page_id, exhibit_id, sort_order) VALUES (?, ?, ?)", pageId,
                    other.get("exhibit_id").asInt(), order++);
        }
    }

}
