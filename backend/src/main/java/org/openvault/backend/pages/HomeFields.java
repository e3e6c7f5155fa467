package org.openvault.backend.pages;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.database.Statements;
import org.openvault.backend.editing.ContentChecks;
import org.openvault.backend.editing.EditContext;
import org.openvault.backend.editing.TypeFields;
import org.openvault.backend.richtext.RichText;

/** The home page's own field: its body (rich text). There is one home page; editors edit it, never create one. */
public final class HomeFields implements TypeFields {

    public static final String TYPE = "home.HomePage";

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public Set<String> fields() {
        return Set.of("body");
    }

    @Override
    public boolean creatable() {
        return false;
    }

    @Override
    public void validate(ObjectNode content, ObjectNode clean, EditContext context) {
        ContentChecks.richText(content, "body", RichText.Features.DEFAULT, clean, context);
    }

    @Override
    public void read(Statements db, int pageId, ObjectNode into) {
        into.put("body", db.one("SELECT body FROM home_page WHERE page_id = ?", rs -> rs.getString("body"), pageId)
                .orElse(""));
    }

    @Override
    public void write(Statements db, int pageId, ObjectNode content) {
        db.update("INSERT INTO home_page (page_id, body) VALUES (?, ?)"
                + " ON CONFLICT (page_id) DO UPDATE SET body = EXCLUDED.body", pageId, content.get("body").asText());
    }
}
