package org.openvault.backend.api;

import java.net.URI;

import io.helidon.common.uri.UriInfo;
import io.helidon.config.Config;
import io.helidon.webserver.http.ServerRequest;
import org.openvault.backend.images.ImageJson;

/**
 * Where the API and the public site live, for {@code detail_url} and {@code html_url}. The API base is the scheme
 * and host of {@code ov.api.url} (its path is ignored, as in the original); when unset, the request's own host.
 */
public final class ApiUrls {

    private final String apiBase;
    private final String siteUrl;
    private final ImageJson images;

    public ApiUrls(Config config, ImageJson images) {
        this.apiBase = origin(config.get("ov.api.url").asString().orElse(""));
        String site = config.get("ov.site.url").asString().orElse("http://localhost");
        this.siteUrl = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
        this.images = images;
    }

    public RenderContext context(ServerRequest req) {
        return new RenderContext(apiBase.isEmpty() ? requestOrigin(req) : apiBase, siteUrl, images);
    }

    private static String origin(String url) {
        if (url.isBlank()) {
            return "";
        }
        URI uri = URI.create(url.strip());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String requestOrigin(ServerRequest req) {
        UriInfo uri = req.requestedUri();
        String scheme = uri.scheme();
        int port = uri.port();
        boolean defaultPort = port <= 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + uri.host() + (defaultPort ? "" : ":" + port);
    }
}
