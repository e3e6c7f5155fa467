package org.openvault.backend.staticpages;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.database.Statements;
import org.openvault.backend.editing.ContentChecks;
import org.openvault.backend.editing.EditContext;
import org.openvault.backend.editing.TypeFields;
import org.openvault.backend.richtext.RichText;

/** A static page's own fields (about, FAQ, credits, the Masterpiece texts): a plain-text subtitle and a rich body. */
public final class StaticPageFields implements TypeFields {

    @Override
    public String typeName() {
        return StaticPagesService.TYPE;
    }

    @Override
    public Set<String> fields() {
        return Set.of("subtitle", "body");
    }

    @Override
    public void validate(ObjectNode content, ObjectNode clean, EditContext context) {
        ContentChecks.plainText(content, "subtitle", 255, clean, context);
        ContentChecks.richText(content, "body", RichText.Features.STATIC_PAGE, clean, context);
    }

    @Override
    public void read(Statements db, int pageId, ObjectNode into) {
        db.one("SELECT subtitle, body FROM static_page WHERE page_id = ?", rs -> ApiJson.MAPPER.createObjectNode()
                        .put("subtitle", rs.getString("subtitle")).put("body", rs.getString("body")), pageId)
                .ifPresentOrElse(into::setAll, () -> into.put("subtitle", "").put("body", ""));
    }

    @Override
    public void write(Statements db, int pageId, ObjectNode content) {
        db.update("INSERT INTO static_page (page_id, subtitle, body) VALUES (?, ?, ?)"
                        + " ON CONFLICT (page_id) DO UPDATE SET subtitle = EXCLUDED.subtitle, body = EXCLUDED.body",
                pageId, content.get("subtitle").asText(), content.get("body").asText());
    }
}
