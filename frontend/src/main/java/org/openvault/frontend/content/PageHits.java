package org.openvault.frontend.content;

import java.util.List;

/**
 * One page of exhibits and collections a search found: how many in all and how many pages of them, the counts by
 * type and of featured ones (for the filters), and the hits of this page.
 */
public record PageHits(long total, int pageCount, long exhibitCount, long collectionCount, long featuredCount,
                       List<SearchHit> hits) {
}
