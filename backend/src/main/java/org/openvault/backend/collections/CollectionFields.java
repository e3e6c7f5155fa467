package org.openvault.backend.collections;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
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

/** A collection's own fields: introduction (rich text), the content stream, cover and hero images, featured. */
public final class CollectionFields implements TypeFields {

    @Override
    public String typeName() {
        return CollectionPages.TYPE;
    }

    @Override
    public Set<String> fields() {
        return Set.of("introduction", "content", "cover_image_id", "hero_image_id", "featured");
    }

    /** A collection goes live only with its cover and hero images: its card and page header show them. */
    @Override
    public boolean needsImagesToPublish() {
        return true;
    }

    @Override
    public void validate(ObjectNode content, ObjectNode clean, EditContext context) {
        ContentChecks.richText(content, "introduction", RichText.Features.DEFAULT, clean, context);
        clean.set("content", StreamFieldValidator.validate(content.has("content") ? content.get("content")
                        : ApiJson.MAPPER.createArrayNode(), StreamFieldValidator.Stream.COLLECTION_CONTENT,
                context.at("content"), context.mayEditHtml(), context.existingHtmlBlocks(), context.violations()));
        ContentChecks.imageId(content, "cover_image_id", clean, context);
        ContentChecks.imageId(content, "hero_image_id", clean, context);
        ContentChecks.flag(content, "featured", clean, context);
    }

    @Override
    public void read(Statements db, int pageId, ObjectNode into) {
        db.one("SELECT introduction, content::text AS content, cover_image_id, hero_image_id, featured"
                + " FROM collection WHERE page_id = ?", rs -> {
                    ObjectNode stored = ApiJson.MAPPER.createObjectNode();
                    stored.put("introduction", rs.getString("introduction"));
                    stored.set("content", StreamField.normalise(ApiJson.parse(rs.getString("content"))));
                    ContentChecks.putNullableInt(stored, "cover_image_id", Sql.nullableInt(rs, "cover_image_id"));
                    ContentChecks.putNullableInt(stored, "hero_image_id", Sql.nullableInt(rs, "hero_image_id"));
                    stored.put("featured", rs.getBoolean("featured"));
                    return stored;
                }, pageId).ifPresentOrElse(into::setAll, () -> {
                    into.put("introduction", "");
                    into.set("content", ApiJson.MAPPER.createArrayNode());
                    into.putNull("cover_image_id");
                    into.putNull("hero_image_id");
                    into.put("featured", false);
                });
    }

    @Override
    public void write(Statements db, int pageId, ObjectNode content) {
        db.update("INSERT INTO collection (page_id, introduction, content, cover_image_id, hero_image_id, featured)"
                        + " VALUES (?, ?, CAST(? AS jsonb), CAST(? AS integer), CAST(? AS integer), ?)"
                        + " ON CONFLICT (page_id) DO UPDATE SET introduction = EXCLUDED.introduction,"
                        + " content = EXCLUDED.content, cover_image_id = EXCLUDED.cover_image_id,"
                        + " hero_image_id = EXCLUDED.hero_image_id, featured = EXCLUDED.featured",
                pageId, content.get("introduction").asText(), content.get("content").toString(),
                ContentChecks.intOrNull(content.get("cover_image_id")),
                ContentChecks.intOrNull(content.get("hero_image_id")), content.get("featured").asBoolean());
    }
}
