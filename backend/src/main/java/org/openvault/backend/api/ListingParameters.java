package org.openvault.backend.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.helidon.common.uri.UriQuery;

/**
 * The query string of an API request, read the way Wagtail API v2 reads it: the last value of a repeated
 * parameter wins; {@code limit}, {@code offset} and {@code order} answer Wagtail's 400 messages word for word.
 */
public final class ListingParameters {

    /** Operations every endpoint knows. */
    public static final Set<String> OPERATIONS =
            Set.of("limit", "offset", "fields", "order", "search", "search_operator", "_", "format");

    /** Operations of the page endpoints on top of {@link #OPERATIONS}. */
    public static final Set<String> PAGE_OPERATIONS = union(OPERATIONS,
            Set.of("type", "child_of", "ancestor_of", "descendant_of", "translation_of", "locale", "site"));

    private final Map<String, String> values;

    private ListingParameters(Map<String, String> values) {
        this.values = values;
    }

    public static ListingParameters of(UriQuery query) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : query.names()) {
            List<String> all = query.all(name);
            String value = all.isEmpty() ? "" : all.get(all.size() - 1);
            if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw ApiException.badRequest("query parameters cannot contain NUL (0x00) characters");
            }
            values.put(name, value);
        }
        return new ListingParameters(values);
    }

    public static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String get(String name) {
        return values.get(name);
    }

    public Map<String, String> all() {
        return values;
    }

    /** Every parameter must be a known operation or a filterable field. */
    public void checkWhitelist(Set<String> operations, Set<String> fields) {
        rejectUnknown(values.keySet(), name -> operations.contains(name) || fields.contains(name));
    }

    /** A 400 naming every parameter that {@code known} refuses, in the words every endpoint of the API uses. */
    public static void rejectUnknown(Iterable<String> names, Predicate<String> known) {
        Set<String> unknown = new TreeSet<>();
        for (String name : names) {
            if (!known.test(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("query parameter is not an operation or a recognised field: "
                    + String.join(", ", unknown));
        }
    }

    public int offset() {
        return nonNegative("offset", 0, "offset must be a positive integer");
    }

    /** No maximum: the site's index pages ask for {@code limit=999999} to get every page in one answer. */
    public int limit() {
        return nonNegative("limit", 20, "limit must be a positive integer");
    }

    private int nonNegative(String name, int fallback, String message) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        long n;
        try {
            n = Column.parseInteger(name, raw);
        } catch (ApiException e) {
            throw ApiException.badRequest(message);
        }
        if (n < 0) {
            throw ApiException.badRequest(message);
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /**
     * {@code search_operator}: {@code and} or {@code or} (any case, as Wagtail lower-cases it); absent or empty gives
     * {@code fallback}. Wagtail raises a ValueError (a 500) for anything else; we answer 400.
     */
    public String searchOperator(String fallback) {
        String raw = values.get("search_operator");
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        String operator = raw.toLowerCase(java.util.Locale.ROOT);
        if (!operator.equals("and") && !operator.equals("or")) {
            throw ApiException.badRequest("search_operator must be either 'and' or 'or'");
        }
        return operator;
    }

    public List<FieldsParameter.Entry> fields() {
        String raw = values.get("fields");
        return raw == null ? List.of() : FieldsParameter.parse(raw);
    }

    /** One key of {@code order}. */
    public record OrderKey(String field, boolean descending) {
    }

    /**
     * The {@code order} keys, or null without {@code order}; an empty list means random order.
     * Keys must be among {@code orderable}.
     */
    public List<OrderKey> order(Set<String> orderable) {
        String raw = values.get("order");
        if (raw == null) {
            return null;
        }
        String[] parts = raw.split(",", -1);
        List<OrderKey> keys = new ArrayList<>();
        for (String part : parts) {
            if (part.equals("random")) {
                if (parts.length > 1) {
                    throw ApiException.badRequest("random ordering cannot be combined with other fields");
                }
                if (values.containsKey("offset")) {
                    throw ApiException.badRequest("random ordering with offset is not supported");
                }
                return List.of();
            }
            boolean descending = part.startsWith("-");
            String field = descending ? part.substring(1) : part;
            if (!orderable.contains(field)) {
                throw ApiException.badRequest("cannot order by '" + field + "' (unknown field)");
            }
            keys.add(new OrderKey(field, descending));
        }
        return keys;
    }
}
