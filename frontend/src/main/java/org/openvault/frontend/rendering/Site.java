package org.openvault.frontend.rendering;

import java.util.Arrays;
import java.util.List;

import io.helidon.config.Config;

/**
 * Site-wide settings the templates need: the public base URL (canonical links, OpenGraph, sitemap), the AAPB host,
 * the fingerprinted static assets, the optional analytics and cookie-consent IDs (empty = not loaded) and the
 * origins besides the site's own that pages may show images from.
 */
public record Site(String publicUrl, String aapbHost, Assets assets, String analyticsId, String cookieConsentId,
                   List<String> imageOrigins) {

    public static final String DONATE_URL = "https://gbharchivesopenvault.donorsupport.co/page/general-fundraising";

    public static Site from(Config ov, Assets assets) {
        return new Site(trimSlash(ov.get("site.public-url").asString().orElse("http://localhost:3000")),
                trimSlash(ov.get("aapb.host").asString().orElse("https://americanarchive.org")),
                assets,
                ov.get("site.analytics-id").asString().orElse(""),
                ov.get("site.cookie-consent-id").asString().orElse(""),
                origins(ov.get("site.image-origins").asString().orElse("")));
    }

    /** An absolute public URL for a site path or an image URL ("/media/…" becomes public-url + "/media/…"). */
    public String absolute(String pathOrUrl) {
        if (pathOrUrl == null || pathOrUrl.isEmpty()) {
            return publicUrl + "/";
        }
        if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
            return pathOrUrl;
        }
        return publicUrl + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl;
    }

    private static List<String> origins(String commaSeparated) {
        return Arrays.stream(commaSeparated.split("[,\\s]+")).filter(origin -> !origin.isEmpty())
                .map(Site::trimSlash).toList();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
