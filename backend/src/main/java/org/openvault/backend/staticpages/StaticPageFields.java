package org.openvault.backend.staticpages;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import org.openvault.backend.database.Rows;
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
    public void read(DbExecute db, int pageId, ObjectNode into) {
        db.get("SELECT subtitle, body FROM static_page WHERE page_id = ?", pageId).ifPresentOrElse(row -> {
            into.put("subtitle", Rows.text(row, "subtitle"));
            into.put("body", Rows.text(row, "body"));
        }, () -> {
            into.put("subtitle", "");
            into.put("body", "");
        });
    }

    @Override
    public void write(DbExecute db, int pageId, ObjectNode content) {
        db.dml("INSERT INTO static_page (page_id, subtitle, body) VALUES (?, ?, ?)"
                        + " ON CONFLICT (page_id) DO UPDATE SET subtitle = EXCLUDED.subtitle, body = EXCLUDED.body",
                pageId, content.get("subtitle").asText(), content.get("body").asText());
    }
}
