package org.openvault.backend.images;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query string of {@code /api/v2/images/} checked and turned into SQL (§3.2, Wagtail's images endpoint):
 * field filters ({@code id, title, width, height}, {@code tags=a,b}), {@code search}, {@code order}, {@code limit},
 * {@code offset}. Every mistake is a {@link BadQueryException} carrying the API's message word for word.
 */
record ImageQuery(String where, List<Object> params, String orderBy, long limit, long offset) {

    private static final Set<String> OPERATIONS =
            Set.of("limit", "offset", "fields", "order", "search", "search_operator", "_", "format");
    /** API-visible database fields of an image: what may be filtered and ordered by. */
    private static final Map<String, String> INT_FIELDS = Map.of("id", "id", "width", "width", "height", "height");
    private static final Set<String> FILTER_FIELDS = Set.of("id", "title", "width", "height", "tags");
    /** Fields the search index can order and filter by while searching (Wagtail: FilterField). */
    private static final Set<String> INDEXED_FIELDS = Set.of("id", "title", "tags");

    /** A 400 answer with its exact message. */
    static final class BadQueryException extends RuntimeException {
        BadQueryException(String message) {
            super(message);
        }
    }

    /** Listings check every parameter name; details only apply the filters. */
    static ImageQuery parse(Map<String, String> query, boolean listing) {
        if (listing) {
            Set<String> unknown = new TreeSet<>();
            for (String name : query.keySet()) {
                if (!OPERATIONS.contains(name) && !FILTER_FIELDS.contains(name)) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                throw new BadQueryException("query parameter is not an operation or a recognised field: "
                        + String.join(", ", unknown));
            }
        }
        String search = query.get("search");
        boolean searching = search != null;
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (String field : FILTER_FIELDS.stream().sorted().toList()) {
            String value = query.get(field);
            if (value == null) {
                continue;
            }
            if (searching && !INDEXED_FIELDS.contains(field)) {
                throw new BadQueryException("cannot filter by '" + field + "' while searching (field is not indexed)");
            }
            noNul(value, field);
            if (field.equals("tags")) {
                for (String tag : value.split(",")) {
                    conditions.add("? = ANY (tags)");
                    params.add(tag.strip());
                }
            } else if (INT_FIELDS.containsKey(field)) {
                conditions.add(field + " = ?");
                params.add(integerFilter(value, field));
            } else {
                conditions.add(field + " = ?");
                params.add(value);
            }
        }
        if (searching) {
            noNul(search, "search");
            String operator = query.getOrDefault("search_operator", "and");
            if (!operator.equals("and") && !operator.equals("or")) {
                throw new BadQueryException("search_operator must be either 'and' or 'or'");
            }
            List<String> terms = List.of(search.strip().split("\\s+"));
            List<String> matches = new ArrayList<>();
            for (String term : terms) {
                if (term.isEmpty()) {
                    continue;
                }
                matches.add("(title ILIKE ? ESCAPE '\\' OR array_to_string(tags, ' ') ILIKE ? ESCAPE '\\')");
                String like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                params.add(like);
                params.add(like);
            }
            conditions.add(matches.isEmpty() ? "false" : "(" + String.join(" " + operator.toUpperCase() + " ", matches) + ")");
        }
        long limit = nonNegative(query, "limit", 20);
        long offset = nonNegative(query, "offset", 0);
        String orderBy = order(query.get("order"), searching, query.containsKey("offset"));
        String where = conditions.isEmpty() ? "true" : String.join(" AND ", conditions);
        return new ImageQuery(where, List.copyOf(params), orderBy, limit, offset);
    }

    private static String order(String order, boolean searching, boolean hasOffset) {
        if (order == null) {
            return "id";
        }
        List<String> keys = List.of(order.split(",", -1));
        if (keys.contains("random")) {
            if (keys.size() > 1) {
                throw new BadQueryException("random ordering cannot be combined with other fields");
            }
            if (hasOffset) {
                throw new BadQueryException("random ordering with offset is not supported");
            }
            return "random()";
        }
        Set<String> sql = new LinkedHashSet<>();
        for (String key : keys) {
            boolean descending = key.startsWith("-");
            String field = descending ? key.substring(1) : key;
            if (!FILTER_FIELDS.contains(field) || field.equals("tags")) {
                throw new BadQueryException("cannot order by '" + field + "' (unknown field)");
            }
            if (searching && !INDEXED_FIELDS.contains(field)) {
                throw new BadQueryException("cannot order by '" + field + "' while searching (field is not indexed)");
            }
            sql.add(field + (descending ? " DESC" : " ASC"));
        }
        sql.add("id ASC");
        return String.join(", ", sql);
    }

    private static long integerFilter(String value, String field) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadQueryException("field filter error. '" + value + "' is not a valid value for " + field
                    + " (Field '" + field + "' expected a number but got '" + value + "'.)");
        }
    }

    private static void noNul(String value, String field) {
        if (value.indexOf('\0') >= 0) {
            throw new BadQueryException("field filter error. '" + value.replace("\0", "\\x00")
                    + "' is not a valid value for " + field
                    + " (A string literal cannot contain NUL (0x00) characters.)");
        }
    }

    private static long nonNegative(Map<String, String> query, String name, long defaultValue) {
        String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw new BadQueryException(name + " must be a positive integer");
    }
}
