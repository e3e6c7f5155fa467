package org.openvault.frontend.rendering;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;

/** Registers a page for GET and HEAD on each of its paths (e.g. with and without a trailing slash). */
public final class PageRoutes {

    private PageRoutes() {
    }

    public static void page(HttpRules rules, Handler handler, String... paths) {
        for (String path : paths) {
            rules.get(path, handler).head(path, handler);
        }
    }
}
