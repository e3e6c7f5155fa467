package org.openvault.frontend.search;

import java.util.List;

/**
 * The American Archive tab: how many AAPB records matched, the first hits, the link to the whole search on
 * AmericanArchive.org, and whether the lookup failed (AAPB down, slow or answering nonsense).
 */
public record AapbResults(boolean failed, long total, List<Hit> hits, String searchUrl) {

    static AapbResults failed(String searchUrl) {
        return new AapbResults(true, 0, List.of(), searchUrl);
    }

    /** How many matching records the tab does not show. */
    public long more() {
        return Math.max(0, total - hits.size());
    }

    /** One AAPB record: its catalog page, its title and description as escaped HTML with {@code <mark>} highlights. */
    public record Hit(String href, String titleHtml, String descriptionHtml) {
    }
}
