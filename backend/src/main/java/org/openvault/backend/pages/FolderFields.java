package org.openvault.backend.pages;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.database.Statements;
import org.openvault.backend.editing.EditContext;
import org.openvault.backend.editing.TypeFields;

/**
 * A plain page ({@code wagtailcore.Page}): a folder in the tree with only the common fields (the site's
 * {@code /collections/} folder holds the Masterpiece pages). Like Wagtail, editors cannot create one.
 */
public final class FolderFields implements TypeFields {

    public static final String TYPE = "wagtailcore.Page";

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public Set<String> fields() {
        return Set.of();
    }

    @Override
    public boolean creatable() {
        return false;
    }

    @Override
    public void validate(ObjectNode content, ObjectNode clean, EditContext context) {
        // only the common fields
    }

    @Override
    public void read(Statements db, int pageId, ObjectNode into) {
        // only the common fields
    }

    @Override
    public void write(Statements db, int pageId, ObjectNode content) {
        // only the common fields
    }
}
