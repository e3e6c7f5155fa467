package org.openvault.backend.pages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import org.openvault.backend.api.Column;
import org.openvault.backend.api.Shape;

/**
 * One page type of the API ({@code exhibits.ExhibitPage}, …) as data, the way Wagtail declares a model's API fields:
 * its SQL on top of the common page columns, the fields it can be filtered and ordered by, its JSON shape, and how a
 * row is read into its record. Each type's package builds its own with {@link #builder}.
 *
 * @param typeName        the type name as stored in {@code page.type} and shown as {@code meta.type}; null for any page
 * @param modelName       the class name of 404 messages ({@code No ExhibitPage matches the given query.})
 * @param endpoint        the endpoint that serves this type's details ({@code exhibits}); {@code pages} for the rest
 * @param listColumns     extra SELECT columns of listings (each starting with a comma)
 * @param detailColumns   extra SELECT columns of details: the listing's and the relations
 * @param joins           extra joins on the page row {@code p}
 * @param ownColumns      database fields of this type beyond the common page fields
 * @param typedMetaOnly   meta fields the generic pages detail does not show (last_published_at and featured)
 * @param shape           every field, in output order
 * @param listingDefaults the listing fields of this type's own endpoint
 * @param heavyFields     fields whose data is costly to read (relations, streams): read only when selected
 * @param detailOnly      fields only detail views offer
 * @param <R>             the record one page of this type is read into
 */
public record PageKind<R extends PageContent>(String typeName, String modelName, String endpoint, String listColumns,
                                              String detailColumns, String joins, Map<String, Column> ownColumns,
                                              Set<String> typedMetaOnly, Shape<R> shape, Set<String> listingDefaults,
                                              Set<String> heavyFields, Set<String> detailOnly, RowReader<R> reader) {

    /** Reads one row of the type's SELECT into its record; relations are there only when {@code detail}. */
    @FunctionalInterface
    public interface RowReader<R> {
        R read(PageRow page, ResultSet rs, boolean detail) throws SQLException;
    }

    public String columns(boolean detail) {
        return detail ? detailColumns : listColumns;
    }

    public R read(PageRow page, ResultSet rs, boolean detail) throws SQLException {
        return reader.read(page, rs, detail);
    }

    /** A type served at {@code endpoint}, with no columns, joins or fields of its own until they are given. */
    public static <R extends PageContent> Builder<R> builder(String typeName, String modelName, String endpoint) {
        return new Builder<>(typeName, modelName, endpoint);
    }

    /** Declares a type field by field; what is not given is empty (no own columns, no heavy fields…). */
    public static final class Builder<R extends PageContent> {

        private final String typeName;
        private final String modelName;
        private final String endpoint;
        private String listColumns = "";
        private String relationColumns = "";
        private String joins = "";
        private Map<String, Column> ownColumns = Map.of();
        private Set<String> typedMetaOnly = Set.of();
        private Set<String> listingDefaults = PageShapes.PAGE_LISTING_DEFAULTS;
        private Set<String> heavyFields = Set.of();

        private Builder(String typeName, String modelName, String endpoint) {
            this.typeName = typeName;
            this.modelName = modelName;
            this.endpoint = endpoint;
        }

        /** Columns of every read, and those only details read (relations, streams). */
        public Builder<R> columns(String always, String detailOnly) {
            this.listColumns = always;
            this.relationColumns = detailOnly;
            return this;
        }

        public Builder<R> joins(String joins) {
            this.joins = joins;
            return this;
        }

        public Builder<R> ownColumns(Map<String, Column> ownColumns) {
            this.ownColumns = ownColumns;
            return this;
        }

        public Builder<R> typedMetaOnly(Set<String> names) {
            this.typedMetaOnly = names;
            return this;
        }

        public Builder<R> listingDefaults(Set<String> names) {
            this.listingDefaults = names;
            return this;
        }

        public Builder<R> heavyFields(Set<String> names) {
            this.heavyFields = names;
            return this;
        }

        public PageKind<R> build(Shape<R> shape, RowReader<R> reader) {
            return new PageKind<>(typeName, modelName, endpoint, listColumns, listColumns + relationColumns, joins,
                    ownColumns, typedMetaOnly, shape, listingDefaults, heavyFields, Set.of("parent"), reader);
        }
    }
}
