package org.openvault.backend.search;

import java.util.Locale;
import java.util.Optional;

/** Sort orders of the search page, with the SQL ORDER BY each one means. */
public enum SearchSort {
    RELEVANCE("relevance", "rank DESC, last_published_at DESC NULLS LAST, page_id DESC"),
    NEWEST("newest", "last_published_at DESC NULLS LAST, page_id DESC"),
    OLDEST("oldest", "last_published_at ASC NULLS FIRST, page_id ASC"),
    TITLE_ASC("az", "lower(title) ASC, page_id ASC"),
    TITLE_DESC("za", "lower(title) DESC, page_id DESC");

    private final String parameter;
    private final String orderBy;

    SearchSort(String parameter, String orderBy) {
        this.parameter = parameter;
        this.orderBy = orderBy;
    }

    public String parameter() {
        return parameter;
    }

    String orderBy() {
        return orderBy;
    }

    /**
     * Reads {@code relevance|newest|oldest|az|za}, and the sort "index names" that bookmarked and shared search
     * URLs carry ({@code wagtail__wagtailcore_page}, {@code …_last_published_date_desc}, {@code …_title_asc}, …).
     */
    public static Optional<SearchSort> fromParameter(String value) {
        String v = value.toLowerCase(Locale.ROOT).strip();
        for (SearchSort s : values()) {
            if (s.parameter.equals(v)) {
                return Optional.of(s);
            }
        }
        if (v.endsWith("_last_published_date_desc")) {
            return Optional.of(NEWEST);
        } else if (v.endsWith("_last_published_date_asc")) {
            return Optional.of(OLDEST);
        } else if (v.endsWith("_title_asc")) {
            return Optional.of(TITLE_ASC);
        } else if (v.endsWith("_title_desc")) {
            return Optional.of(TITLE_DESC);
        } else if (v.endsWith("wagtailcore_page")) {
            return Optional.of(RELEVANCE);
        }
        return Optional.empty();
    }
}
