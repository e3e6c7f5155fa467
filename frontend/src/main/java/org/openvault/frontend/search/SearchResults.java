package org.openvault.frontend.search;

import java.util.List;

import org.openvault.frontend.content.Image;

/**
 * One rendered search: the Open Vault hits with counts and facets, the GBH series hits and count, and an error
 * message when the search backend failed (shown inside the tab; the rest of the site is unaffected).
 */
public record SearchResults(long total, int pageCount, long exhibitCount, long collectionCount, long featuredCount,
                            List<Hit> hits, long seriesTotal, int seriesPageCount, List<SeriesHit> seriesHits,
                            List<String> suggestions, String error) {

    /** An exhibit or collection hit; titleHtml and snippetHtml are escaped HTML with {@code <mark>} highlights. */
    public record Hit(String href, boolean exhibit, String titleHtml, String snippetHtml, Image thumbnail) {
    }

    /** A GBH series title hit (highlighted HTML) and its records on the American Archive. */
    public record SeriesHit(String titleHtml, String aapbUrl) {
    }

    /** Page numbers around the current one (a window of up to 7). */
    public static List<Integer> window(int page, int pageCount) {
        int from = Math.max(1, Math.min(page - 3, pageCount - 6));
        int to = Math.min(pageCount, from + 6);
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
    }
}
