package org.openvault.frontend.rendering;

import java.util.ArrayList;
import java.util.List;

/**
 * The Content-Security-Policy of every page: scripts, styles and fonts from the site itself only (the templates have
 * no inline script or style), images from the site and the configured image origins, frames only from the AAPB
 * player's origin, no plugins. Analytics and cookie consent, when configured, add their own hosts. Even HTML that got
 * past cleaning cannot run script or load frames from elsewhere.
 */
final class ContentSecurityPolicy {

    private static final String GOOGLE_TAG_MANAGER = "https://www.googletagmanager.com";
    private static final String GOOGLE_ANALYTICS = "https://*.google-analytics.com https://*.analytics.google.com";
    private static final String ONETRUST = "https://cdn.cookielaw.org";
    private static final String ONETRUST_GEOLOCATION = "https://geolocation.onetrust.com";

    private ContentSecurityPolicy() {
    }

    static String of(Site site) {
        List<String> scripts = new ArrayList<>(List.of("'self'"));
        List<String> images = new ArrayList<>(List.of("'self'"));
        images.addAll(site.imageOrigins());
        List<String> styles = new ArrayList<>(List.of("'self'"));
        List<String> connections = new ArrayList<>(List.of("'self'"));
        if (!site.analyticsId().isEmpty()) {
            scripts.add(GOOGLE_TAG_MANAGER);
            images.add(GOOGLE_TAG_MANAGER);
            images.add(GOOGLE_ANALYTICS);
            connections.add(GOOGLE_TAG_MANAGER);
            connections.add(GOOGLE_ANALYTICS);
        }
        if (!site.cookieConsentId().isEmpty()) {
            scripts.add(ONETRUST);
            images.add(ONETRUST);
            connections.add(ONETRUST);
            connections.add(ONETRUST_GEOLOCATION);
            // The consent banner styles itself with inline style elements.
            styles.add("'unsafe-inline'");
        }
        return "default-src 'self'"
                + "; script-src " + String.join(" ", scripts)
                + "; style-src " + String.join(" ", styles)
                + "; img-src " + String.join(" ", images)
                + "; font-src 'self'"
                + "; connect-src " + String.join(" ", connections)
                + "; frame-src " + (site.aapbHost().isEmpty() ? "'none'" : site.aapbHost())
                + "; object-src 'none'"
                + "; base-uri 'self'"
                + "; form-action 'self'"
                + "; frame-ancestors 'self'";
    }
}
