package org.openvault.backend.pages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import org.openvault.backend.api.Column;
import org.openvault.backend.api.Shape;

/**
 * One page type of the API ({@code exhibits.ExhibitPage}, …): its SQL on top of the common page columns, the
 * fields it can be filtered and ordered by, and its JSON shape.
 *
 * @param <R> the record one page of this type is read into
 */
public interface PageKind<R extends PageContent> {

    /** The type name as stored in {@code page.type} and shown as {@code meta.type}; null for any page. */
    String typeName();

    /** The class name used in 404 messages ({@code No ExhibitPage matches the given query.}). */
    String modelName();

    /** The endpoint that serves this type's details ({@code exhibits}); generic pages use {@code pages}. */
    String endpoint();

    /** Extra SELECT columns (each starting with a comma); relations only when {@code detail}. */
    String columns(boolean detail);

    /** Extra joins on the page row {@code p}. */
    String joins();

    /** Database fields of this type beyond the common page fields. */
    Map<String, Column> ownColumns();

    /** Meta fields that the generic pages detail does not show (exhibits' last_published_at and featured). */
    default Set<String> typedMetaOnly() {
        return Set.of();
    }

    R read(PageRow page, ResultSet rs, boolean detail) throws SQLException;

    /** Every field, in output order. */
    Shape<R> shape();

    /** Listing fields of this type's own endpoint. */
    Set<String> listingDefaults();

    /** Fields whose data is costly to read (relations, streams): read only when selected. */
    default Set<String> heavyFields() {
        return Set.of();
    }

    /** Fields that only detail views offer. */
    default Set<String> detailOnly() {
        return Set.of("parent");
    }
}
