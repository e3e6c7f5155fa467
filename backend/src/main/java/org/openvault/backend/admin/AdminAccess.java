package org.openvault.backend.admin;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * What holds for every admin answer: never stored by a cache (they carry drafts and personal data), never sniffed as
 * another type, never framed. No CORS headers: only the site's own pages and scripts with a token call it. The web
 * admin's HTML ({@code /admin/}) also loads nothing from elsewhere (its Content-Security-Policy).
 */
public final class AdminAccess {

    public static final String PREFIX = "/api/admin/";
    public static final String SITE_PREFIX = "/admin/";

    private AdminAccess() {
    }

    public static boolean isAdminPath(String rawPath) {
        return rawPath.startsWith(PREFIX) || rawPath.equals("/api/admin");
    }

    /** The editors' web admin: HTML pages, not the JSON API. */
    public static boolean isSitePath(String rawPath) {
        return rawPath.startsWith(SITE_PREFIX) || rawPath.equals("/admin");
    }

    public static void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (isAdminPath(req.path().rawPath())) {
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            res.header("X-Frame-Options", "DENY");
        } else if (isSitePath(req.path().rawPath())) {
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            res.header("X-Frame-Options", "DENY");
            res.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
            res.header("Referrer-Policy", "same-origin");
        }
        chain.proceed();
    }
}
