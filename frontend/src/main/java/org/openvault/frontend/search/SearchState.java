package org.openvault.frontend.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.helidon.common.uri.UriQuery;

/**
 * What the search page shows, all of it in the URL: {@code q}, {@code p}, {@code types[]}, {@code featured},
 * {@code sort}, {@code perPage} and {@code tab} (ov, gbh, aapb, help). Anything invalid falls back to its default, so no URL is an error.
 */
public record SearchState(String q, Set<String> types, boolean featured, String sort, int perPage, int page,
                          String tab) {

    public static final List<Integer> PAGE_SIZES = List.of(5, 10, 20, 50);
    public static final List<String> SORTS = List.of("relevance", "newest", "oldest", "az", "za");
    public static final List<String> SERIES_SORTS = List.of("relevance", "az", "za");
    public static final List<String> TABS = List.of("ov", "gbh", "aapb", "help");
    private static final int MAX_QUERY = 200;
    private static final int MAX_PAGE = 1000;

    public static SearchState from(UriQuery query) {
        String q = first(query, "q").strip();
        if (q.length() > MAX_QUERY) {
            q = q.substring(0, MAX_QUERY);
        }
        Set<String> types = new LinkedHashSet<>();
        for (String name : query.names()) {
            if (name.equals("types[]") || name.matches("types\\[\\d+]") || name.equals("type")) {
                for (String value : query.all(name)) {
                    String type = type(value);
                    if (type != null) {
                        types.add(type);
                    }
                }
            }
        }
        String tab = first(query, "tab");
        return new SearchState(q, types, "true".equals(first(query, "featured")), sort(first(query, "sort")),
                perPage(first(query, "perPage")), number(first(query, "p"), 1, MAX_PAGE),
                TABS.contains(tab) ? tab : "ov");
    }

    /**
     * "exhibit" or "collection" from our names, the content-type names bookmarked search URLs carry
     * ({@code types[0]=exhibits.OpenVaultExhibit}) or plurals; null otherwise.
     */
    static String type(String value) {
        String v = value.toLowerCase(Locale.ROOT).strip();
        if (v.equals("exhibit") || v.equals("exhibits") || v.startsWith("exhibits.")) {
            return "exhibit";
        }
        if (v.equals("collection") || v.equals("collections") || v.startsWith("ov_collections.")) {
            return "collection";
        }
        return null;
    }

    /** Our sort names, also accepting the index names bookmarked search URLs carry ({@code …_title_asc}). */
    static String sort(String value) {
        String v = value.toLowerCase(Locale.ROOT).strip();
        if (SORTS.contains(v)) {
            return v;
        }
        if (v.endsWith("_last_published_date_desc")) {
            return "newest";
        }
        if (v.endsWith("_last_published_date_asc")) {
            return "oldest";
        }
        if (v.endsWith("_title_asc") || v.endsWith("_seriestitle_asc")) {
            return "az";
        }
        if (v.endsWith("_title_desc") || v.endsWith("_seriestitle_desc")) {
            return "za";
        }
        return "relevance";
    }

    private static int perPage(String value) {
        int n = number(value, 10, 50);
        return PAGE_SIZES.contains(n) ? n : 10;
    }

    private static int number(String value, int fallback, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            return n < 1 ? fallback : Math.min(n, max);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String first(UriQuery query, String name) {
        return query.contains(name) ? query.get(name) : "";
    }

    /** How a sort is named in the page. */
    public static String sortLabel(String sort) {
        return switch (sort) {
            case "newest" -> "Newest";
            case "oldest" -> "Oldest";
            case "az" -> "A-Z";
            case "za" -> "Z-A";
            default -> "Relevance";
        };
    }

    /** The sort the series tab can use (relevance, az, za). */
    public String seriesSort() {
        return SERIES_SORTS.contains(sort) ? sort : "relevance";
    }

    public boolean hasType(String type) {
        return types.contains(type);
    }

    public SearchState withPage(int newPage) {
        return new SearchState(q, types, featured, sort, perPage, newPage, tab);
    }

    public SearchState withTab(String newTab) {
        return new SearchState(q, types, featured, sort, perPage, 1, newTab);
    }

    public SearchState withQuery(String newQuery) {
        return new SearchState(newQuery, Set.of(), false, "relevance", 10, 1, "ov");
    }

    public SearchState withoutRefinements() {
        return new SearchState(q, Set.of(), false, sort, perPage, 1, tab);
    }

    /** This state as a URL, defaults left out. */
    public String href() {
        List<String> parts = new ArrayList<>();
        if (!q.isEmpty()) {
            parts.add("q=" + encode(q));
        }
        for (String type : types) {
            parts.add("types%5B%5D=" + type);
        }
        if (featured) {
            parts.add("featured=true");
        }
        if (!sort.equals("relevance")) {
            parts.add("sort=" + sort);
        }
        if (perPage != 10) {
            parts.add("perPage=" + perPage);
        }
        if (page != 1) {
            parts.add("p=" + page);
        }
        if (!tab.equals("ov")) {
            parts.add("tab=" + tab);
        }
        return "/search" + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
