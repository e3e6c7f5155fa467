package org.openvault.backend.api;

/**
 * The {@code path=} of the lookups by public site path (static pages, redirects): it starts with {@code /}, has at
 * most 1000 characters and no NUL (which PostgreSQL cannot compare); a trailing slash is dropped ({@code /about/} is
 * {@code /about}). Anything else is a 400.
 */
public final class SitePath {

    private static final int MAX_LENGTH = 1000;

    private SitePath() {
    }

    public static String normalised(String raw) {
        if (!raw.startsWith("/") || raw.length() > MAX_LENGTH || raw.indexOf('\0') >= 0) {
            throw ApiException.badRequest("path must be a site path starting with / (at most 1000 characters)");
        }
        return raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    }
}
