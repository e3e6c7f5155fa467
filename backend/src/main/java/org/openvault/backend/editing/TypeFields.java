package org.openvault.backend.editing;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.database.Statements;

/**
 * The fields one page type adds to those every page has: how an editor's values are checked and cleaned, and where
 * they are stored when a revision goes live. One implementation per type, in that type's package.
 */
public interface TypeFields {

    /** The type name as stored in {@code page.type} ({@code exhibits.ExhibitPage}). */
    String typeName();

    /** The names of this type's own content fields. */
    Set<String> fields();

    /** Checks this type's members of {@code content}, putting the values to store into {@code clean}. */
    void validate(ObjectNode content, ObjectNode clean, EditContext context);

    /** This type's fields as the live tables hold them, for pages that have no revision yet. */
    void read(Statements db, int pageId, ObjectNode into);

    /** Stores this type's fields of checked content into the live tables. */
    void write(Statements db, int pageId, ObjectNode content);

    /** Whether editors may create pages of this type (there is one home page; folders come with the site). */
    default boolean creatable() {
        return true;
    }

    /** Whether a page of this type needs its cover and hero images before it may go live. */
    default boolean needsImagesToPublish() {
        return false;
    }
}
