package org.openvault.backend.admin;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * What holds for every admin answer: never stored by a cache (they carry drafts and personal data), never sniffed as
 * another type, never framed. No CORS headers: only the site's own pages and scripts with a token call it.
 */
public final class AdminAccess {

    public static final String PREFIX = "/api/admin/";

    private AdminAccess() {
    }

    public static boolean isAdminPath(String rawPath) {
        return rawPath.startsWith(PREFIX) || rawPath.equals("/api/admin");
    }

    public static void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (isAdminPath(req.path().rawPath())) {
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            res.header("X-Frame-Options", "DENY");
        }
        chain.proceed();
    }
}
