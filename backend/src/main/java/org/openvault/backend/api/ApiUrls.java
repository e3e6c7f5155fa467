package org.openvault.backend.api;

import java.net.URI;

import io.helidon.config.Config;

/**
 * Where the API and the public site live, for {@code detail_url}, {@code find/} redirects and {@code html_url}: from
 * configuration only. The API base is the scheme and host of {@code ov.api.url} (its path is ignored, as in the
 * original), or of {@code ov.site.url} when that is empty. The request's Host header is never used: any client can
 * send any Host, and an answer kept by the response cache (or a proxy) would hand that host to everyone.
 */
public final class ApiUrls {

    private final String apiBase;
    private final String siteUrl;
    private final ImageJson images;

    public ApiUrls(Config config, ImageJson images) {
        String site = config.get("ov.site.url").asString().orElse("http://localhost");
        this.siteUrl = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
        String api = config.get("ov.api.url").asString().orElse("");
        this.apiBase = origin(api.isBlank() ? siteUrl : api);
        this.images = images;
    }

    /** What rendering an answer needs; the same for every request. */
    public RenderContext context() {
        return new RenderContext(apiBase, siteUrl, images);
    }

    private static String origin(String url) {
        URI uri = URI.create(url.strip());
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("ov.api.url and ov.site.url must be absolute URLs (scheme://host[:port]),"
                    + " not: " + url);
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
