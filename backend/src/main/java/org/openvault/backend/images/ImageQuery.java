package org.openvault.backend.images;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.Column;
import org.openvault.backend.api.ListingParameters;

/**
 * What {@code /api/v2/images/} selects (Wagtail's images endpoint) as SQL: field filters
 * ({@code id, title, width, height}; {@code tags=a,b} needs every tag), {@code search} over title and tags,
 * {@code order}, {@code limit}, {@code offset}. Mistakes are {@link ApiException}s with the API's messages.
 */
record ImageQuery(String where, List<Object> params, String orderBy, int limit, int offset) {

    /** API-visible database fields of an image: what may be filtered (and, except tags, ordered) by. */
    static final Map<String, Column> FILTERS = Map.of(
            "id", Column.integer("id"),
            "title", Column.text("title"),
            "width", Column.integer("width"),
            "height", Column.integer("height"));
    static final Set<String> FILTER_NAMES = Set.of("id", "title", "width", "height", "tags");
    /** Fields that can filter and order a search ({@code ?search=}); the others answer 400 when searching. */
    private static final Set<String> INDEXED = Set.of("id", "title", "tags");

    static ImageQuery of(ListingParameters q) {
        boolean searching = q.has("search");
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (String name : List.of("id", "title", "width", "height", "tags")) {
            if (!q.has(name)) {
                continue;
            }
            if (searching && !INDEXED.contains(name)) {
                throw ApiException.badRequest("cannot filter by '" + name + "' while searching (field is not indexed)");
            }
            if (name.equals("tags")) {
                for (String tag : q.get(name).split(",")) {
                    conditions.add("? = ANY (tags)");
                    params.add(tag.strip());
                }
            } else {
                Column.Condition condition = FILTERS.get(name).condition(name, q.get(name));
                conditions.add(condition.sql());
                if (condition.parameter() != null) {
                    params.add(condition.parameter());
                }
            }
        }
        if (searching) {
            search(q, conditions, params);
        }
        int offset = q.offset();
        int limit = q.limit();
        String where = conditions.isEmpty() ? "true" : String.join(" AND ", conditions);
        return new ImageQuery(where, List.copyOf(params), orderBy(q, searching), limit, offset);
    }

    /** Every term (or, with search_operator=or, any term) in the title or a tag, case-insensitive. */
    private static void search(ListingParameters q, List<String> conditions, List<Object> params) {
        String operator = q.searchOperator("and");
        List<String> matches = new ArrayList<>();
        for (String term : q.get("search").strip().split("\\s+")) {
            if (term.isEmpty()) {
                continue;
            }
            matches.add("(title ILIKE ? OR array_to_string(tags, ' ') ILIKE ?)");
            String like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        conditions.add(matches.isEmpty() ? "false" : "(" + String.join(" " + operator.toUpperCase() + " ", matches) + ")");
    }

    private static String orderBy(ListingParameters q, boolean searching) {
        List<ListingParameters.OrderKey> keys = q.order(FILTERS.keySet());
        if (keys == null) {
            return "id";
        }
        if (keys.isEmpty()) {
            return "random()";
        }
        Set<String> sql = new LinkedHashSet<>();
        for (ListingParameters.OrderKey key : keys) {
            if (searching && !INDEXED.contains(key.field())) {
                throw ApiException.badRequest("cannot order by '" + key.field() + "' while searching (field is not indexed)");
            }
            sql.add(FILTERS.get(key.field()).sql() + (key.descending() ? " DESC" : " ASC"));
        }
        sql.add("id ASC");
        return String.join(", ", sql);
    }
}
