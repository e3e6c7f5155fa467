package org.openvault.frontend.search;

import java.util.List;

import org.openvault.frontend.content.PageHits;
import org.openvault.frontend.content.SearchHit;
import org.openvault.frontend.content.SeriesHit;
import org.openvault.frontend.content.SeriesHits;

/**
 * One rendered search: the Open Vault hits with counts and facets, the GBH series hits and count, and an error
 * message when the search backend failed (shown inside the tab; the rest of the site is unaffected).
 */
public record SearchResults(long total, int pageCount, long exhibitCount, long collectionCount, long featuredCount,
                            List<SearchHit> hits, long seriesTotal, int seriesPageCount, List<SeriesHit> seriesHits,
                            List<String> suggestions, String error) {

    static SearchResults found(PageHits pages, SeriesHits series) {
        return new SearchResults(pages.total(), pages.pageCount(), pages.exhibitCount(), pages.collectionCount(),
                pages.featuredCount(), pages.hits(), series.total(), series.pageCount(), series.hits(), List.of(), null);
    }

    /** No query yet: a few suggested searches. */
    static SearchResults suggesting(List<String> suggestions) {
        return new SearchResults(0, 0, 0, 0, 0, List.of(), 0, 0, List.of(), suggestions, null);
    }

    static SearchResults failed(String error) {
        return new SearchResults(0, 0, 0, 0, 0, List.of(), 0, 0, List.of(), List.of(), error);
    }

    /** Page numbers around the current one (a window of up to 7). */
    public static List<Integer> window(int page, int pageCount) {
        int from = Math.max(1, Math.min(page - 3, pageCount - 6));
        int to = Math.min(pageCount, from + 6);
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
    }
}
