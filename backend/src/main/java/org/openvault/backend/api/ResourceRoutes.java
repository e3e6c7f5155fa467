package org.openvault.backend.api;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;

/** The routes every Wagtail API v2 resource has: listing, {@code find/}, and detail with or without the trailing slash. */
public final class ResourceRoutes {

    private ResourceRoutes() {
    }

    public static void register(HttpRules rules, Handler list, Handler find, Handler detail) {
        rules.any("/", list)
                .any("/find", find)
                .any("/find/", find)
                .any("/{id}", detail)
                .any("/{id}/", detail);
    }
}
