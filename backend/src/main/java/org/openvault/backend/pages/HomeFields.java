package org.openvault.backend.pages;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import org.openvault.backend.database.Rows;
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
    public void read(DbExecute db, int pageId, ObjectNode into) {
        into.put("body", db.get("SELECT body FROM home_page WHERE page_id = ?", pageId)
                .map(row -> Rows.text(row, "body")).orElse(""));
    }

    @Override
    public void write(DbExecute db, int pageId, ObjectNode content) {
        db.dml("INSERT INTO home_page (page_id, body) VALUES (?, ?)"
                + " ON CONFLICT (page_id) DO UPDATE SET body = EXCLUDED.body", pageId, content.get("body").asText());
    }
}
